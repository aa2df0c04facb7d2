using Patchwork.E2E.Tests.Infrastructure;

// One app and one browser for the whole run; tests run one at a time so timings are not skewed by each other.
[assembly: AssemblyFixture(typeof(PatchworkApp))]
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

using Patchwork.Web.Tests.Infrastructure;

// One store loaded with the demo district for the whole run; tests only read it.
[assembly: AssemblyFixture(typeof(DemoStore))]

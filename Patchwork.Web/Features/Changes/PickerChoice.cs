namespace Patchwork.Web.Features.Changes;

/// <summary>A professional offered in a <see cref="ProfessionalPicker"/>.</summary>
public sealed record PickerChoice(string Id, string Name, string? Detail);

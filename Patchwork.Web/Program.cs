using Patchwork.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPatchworkWeb();

var app = builder.Build();
app.UsePatchworkWeb();
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

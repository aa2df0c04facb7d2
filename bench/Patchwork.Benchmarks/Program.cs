using System.Globalization;
using System.Text.Json.Nodes;
using ScottPlot;

// dotnet run -c Release --project bench/Patchwork.Benchmarks -- plot OUT.png RESULTS.json...
// Draws the p95 of every question of `patchwork bench --save` results against the district size, both axes
// logarithmic, with the in-memory floor dashed where there is one.
if (args.Length < 3 || args[0] != "plot")
{
    Console.Error.WriteLine("usage: plot OUT.png RESULTS.json...");
    return 2;
}

var runs = args[2..]
    .Select(file => JsonNode.Parse(File.ReadAllText(file))!.AsObject())
    .OrderBy(run => (long)run["persons"]!)
    .ToList();
var sizes = runs.Select(run => Math.Log10((double)run["persons"]!)).ToArray();
var plot = new Plot();
var palette = new ScottPlot.Palettes.Category10();
var names = runs[0]["questions"]!.AsObject().Select(q => q.Key).ToList();
for (var i = 0; i < names.Count; i++)
{
    var name = names[i];
    var color = palette.GetColor(i);
    var p95 = runs.Select(run => Math.Log10((double)run["questions"]![name]!["p95"]!)).ToArray();
    var line = plot.Add.Scatter(sizes, p95, color);
    line.LegendText = name;
    line.LineWidth = 2;
    line.MarkerSize = 7;
    if (runs.All(run => run["questions"]![name]!["floorP95"] is not null))
    {
        var floor = plot.Add.Scatter(sizes, [.. runs.Select(run => Math.Log10((double)run["questions"]![name]!["floorP95"]!))], color);
        floor.LegendText = $"{name} (in-memory floor)";
        floor.LinePattern = LinePattern.Dashed;
        floor.MarkerShape = MarkerShape.OpenCircle;
    }
}

static string Power(double log) => Math.Pow(10, log).ToString(log < 0 ? "0.###" : "#,0", CultureInfo.InvariantCulture);

plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
    [.. sizes.Select(s => new Tick(s, Power(s)))]);
plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
{
    LabelFormatter = Power,
    IntegerTicksOnly = true,
    MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
};
plot.Axes.Left.Label.Text = "p95 latency, ms (log scale)";
plot.Axes.Bottom.Label.Text = "district size, persons (log scale)";
plot.Title("Patchwork store: p95 latency against district size (store warm; this machine: 2 cores)");
plot.ShowLegend(Alignment.UpperLeft);
plot.SavePng(args[1], 1100, 700);
Console.WriteLine($"Wrote {Path.GetFullPath(args[1])}");
return 0;

using Patchwork.Cli;

return await Cli.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected);

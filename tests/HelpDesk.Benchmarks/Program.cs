using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "search")
{
    return await HelpDesk.Benchmarks.SearchLatency.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "sweep")
{
    return await HelpDesk.Benchmarks.SweepLatency.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "due-soon")
{
    return await HelpDesk.Benchmarks.DueSoonLatency.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "dashboard")
{
    return await HelpDesk.Benchmarks.DashboardLatency.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "mail")
{
    return await HelpDesk.Benchmarks.MailLatency.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(HelpDesk.Benchmarks.DeadlineComputation).Assembly).Run(args);
return 0;

using System.Diagnostics;
using System.Globalization;
using ImapClient.Benchmarks.Workloads;
using ImapClient.TestServer;

namespace ImapClient.Benchmarks.Idle;

/// <summary>
/// <c>idle [--connections N] [--library ours|mailkit|both]</c>: N connections from one process, each signed in with
/// INBOX selected and in IDLE; then one message is appended from another connection and every connection must be
/// told. Each library runs in its own process (<see cref="IdleScenario"/>) against the same private Dovecot.
/// </summary>
internal static class IdleBenchmark
{
    public const int Seeded = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var connections = 1000;
        var library = "both";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--connections":
                    connections = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--library":
                    library = args[i + 1];
                    break;
                default:
                    Console.Error.WriteLine($"idle: unknown option {args[i]}");
                    return 2;
            }
        }

        var libraries = library switch
        {
            "both" => new[] { "ours", "mailkit" },
            "ours" or "mailkit" => [library],
            _ => [],
        };
        if (libraries.Length == 0 || connections < 1)
        {
            Console.Error.WriteLine("usage: idle [--connections N] [--library ours|mailkit|both]");
            return 2;
        }

        var results = await RunAllAsync(connections, libraries, Console.Error.WriteLine);
        Console.WriteLine();
        Console.WriteLine($"{connections} idle connections; {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine();
        Console.WriteLine(IdleResult.TableHeader);
        foreach (var r in results)
        {
            Console.WriteLine(r.TableRow());
        }

        return results.All(r => r.Ok) ? 0 : 1;
    }

    /// <summary>Starts the server once and runs each library's scenario in its own process, one after the other.</summary>
    public static async Task<List<IdleResult>> RunAllAsync(int connections, IReadOnlyList<string> libraries, Action<string> log)
    {
        await using var server = await StartServerAsync(connections);
        var results = new List<IdleResult>();
        foreach (var library in libraries)
        {
            results.Add(await RunScenarioAsync(server, library, connections, log));
        }

        return results;
    }

    /// <summary>
    /// A Dovecot that takes N + a few connections from one user on one address. Each connection gets its own imap
    /// process, as by default. IDLE learns of changes through inotify where it can; the kernel allows a user only so
    /// many inotify instances (fs.inotify.max_user_instances, often 128), and the processes past that poll: every
    /// second here instead of the default 30, so that a run measures the clients and not the poll interval. Both
    /// libraries run against this one configuration.
    /// </summary>
    private static async Task<DovecotServer> StartServerAsync(int connections)
    {
        var c = CultureInfo.InvariantCulture;
        var processes = connections + 50;
        var server = await DovecotServer.StartAsync(new DovecotServerOptions
        {
            ExtraConfig = string.Create(c, $$"""
                mail_max_userip_connections = {{connections + 20}}
                default_process_limit = {{processes}}
                default_client_limit = {{Math.Max(1000, 2 * processes)}}
                default_vsz_limit = 0
                service imap-login {
                  process_limit = {{processes}}
                  client_limit = {{Math.Max(1000, 2 * processes)}}
                }
                service imap {
                  process_limit = {{processes}}
                }
                mailbox_idle_check_interval = 1 secs
                """),
        });
        try
        {
            server.SeedMessages(Clients.User, "INBOX",
                Enumerable.Range(1, Seeded).Select(i => new SeedMessage(
                    System.Text.Encoding.ASCII.GetBytes($"From: seed@example.org\r\nSubject: seed {i}\r\n\r\nseed\r\n"), DateTimeOffset.UtcNow)));
            await server.ClearRecentAsync(Clients.User, "INBOX");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task<IdleResult> RunScenarioAsync(DovecotServer server, string library, int connections, Action<string> log)
    {
        var self = typeof(IdleBenchmark).Assembly.Location;
        var arguments = string.Create(CultureInfo.InvariantCulture,
            $"\"{self}\" idle-scenario {library} {connections} {server.Host} {server.Port} {Clients.User} {server.Users[Clients.User]}");
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = new Process { StartInfo = start };
        // The scenario's progress as it comes (its pid for a profiler among it), not only once it has ended.
        var error = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (error)
                {
                    error.AppendLine(line);
                }

                log(line);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = (await output).Split('\n').LastOrDefault(l => l.StartsWith("result ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"idle scenario '{library}' printed no result (exit {process.ExitCode}):\n{await output}\n{error}\n{server.LogTail(20)}");
        return IdleResult.Parse(line);
    }
}

/// <summary>What one idle scenario process reports on its last line.</summary>
internal sealed record IdleResult(
    string Library, int Connections, long HeapBytes, long WorkingSetBytes, int ThreadsBefore, int ThreadsAfter,
    int Told, double FirstToldSeconds, double AllToldSeconds, double NotifyCpuMilliseconds, long NotifyAllocatedBytes, int NotifyCollections,
    long NotifyWorkItems, long NotifyContextSwitches,
    double LastArrivedSeconds, double ToldAfterArrivalMedianSeconds, double ToldAfterArrivalMaxSeconds, bool Ok)
{
    public double HeapPerConnection => (double)HeapBytes / Connections;

    public double WorkingSetPerConnection => (double)WorkingSetBytes / Connections;

    public const string TableHeader = """
        | library | connections | managed heap / connection | working set / connection | threads (before → idling) | told | first told | all told | CPU while telling | allocated / connection while telling | GCs while telling | work items / connection while telling | context switches / connection while telling | bytes at the last connection | told after arrival: median | told after arrival: max |
        | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
        """;

    public string TableRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Library} | {Connections:N0} | {HeapPerConnection / 1024:F1} KiB | {WorkingSetPerConnection / 1024:F1} KiB | {ThreadsBefore} → {ThreadsAfter} | {Told:N0} | {FirstToldSeconds:F3} s | {AllToldSeconds:F3} s | {NotifyCpuMilliseconds:F0} ms | {(double)NotifyAllocatedBytes / Connections:N0} B | {NotifyCollections} | {(double)NotifyWorkItems / Connections:F2} | {(double)NotifyContextSwitches / Connections:F2} | {LastArrivedSeconds:F3} s | {ToldAfterArrivalMedianSeconds * 1000:F2} ms | {ToldAfterArrivalMaxSeconds * 1000:F2} ms |");

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"result {Library} {Connections} {HeapBytes} {WorkingSetBytes} {ThreadsBefore} {ThreadsAfter} {Told} {FirstToldSeconds:F4} {AllToldSeconds:F4} {NotifyCpuMilliseconds:F1} {NotifyAllocatedBytes} {NotifyCollections} {NotifyWorkItems} {NotifyContextSwitches} {LastArrivedSeconds:F4} {ToldAfterArrivalMedianSeconds:F6} {ToldAfterArrivalMaxSeconds:F6} {(Ok ? "ok" : "failed")}");

    public static IdleResult Parse(string line)
    {
        var p = line.Trim().Split(' ');
        var c = CultureInfo.InvariantCulture;
        return new IdleResult(p[1], int.Parse(p[2], c), long.Parse(p[3], c), long.Parse(p[4], c), int.Parse(p[5], c), int.Parse(p[6], c),
            int.Parse(p[7], c), double.Parse(p[8], c), double.Parse(p[9], c), double.Parse(p[10], c), long.Parse(p[11], c), int.Parse(p[12], c),
            long.Parse(p[13], c), long.Parse(p[14], c), double.Parse(p[15], c), double.Parse(p[16], c), double.Parse(p[17], c), p[18] == "ok");
    }
}

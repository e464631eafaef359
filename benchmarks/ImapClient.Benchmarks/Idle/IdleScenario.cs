using System.Diagnostics;
using System.Globalization;
using System.Text;
using ImapClient.Benchmarks.Wire;
using MailKit;

namespace ImapClient.Benchmarks.Idle;

/// <summary>
/// One library's idle run in its own process: N connections signed in, INBOX selected, in IDLE; the managed heap,
/// working set and threads they add; then the time from an APPEND by another connection until each has been told
/// (its own new-message event: ours <see cref="ImapConnection.MailboxSizeChanged"/>, MailKit's
/// <see cref="IMailFolder.CountChanged"/>).
/// </summary>
internal static class IdleScenario
{
    private const int Parallel = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        var (library, connections, host, port, user, password) =
            (args[0], int.Parse(args[1], c), args[2], int.Parse(args[3], c), args[4], args[5]);
        IIdleClients clients = library == "ours" ? new OursClients(host, port, user, password) : new MailKitClients(host, port, user, password);
        var result = await RunAsync(library, connections, clients, host, port, user, password);
        Console.WriteLine(result.Format());
        return result.Ok ? 0 : 1;
    }

    private static async Task<IdleResult> RunAsync(string library, int connections, IIdleClients clients, string host, int port, string user, string password)
    {
        // One connection through the whole cycle first: code, static caches and the thread pool's first threads are
        // not what a connection costs.
        await clients.WarmUpAsync();
        clients.Prepare(connections);
        var (heapBefore, workingSetBefore, threadsBefore) = Snapshot();

        var clock = Stopwatch.StartNew();
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, connections),
            new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (i, _) => await clients.OpenAsync(i));
        Console.Error.WriteLine($"idle {library}: {connections} connections signed in and selected in {clock.Elapsed.TotalSeconds:F1} s");
        for (var i = 0; i < connections; i++)
        {
            clients.StartIdle(i);
        }

        await clients.AllIdlingAsync().WaitAsync(Patience);
        // Let the last IDLE's continuations settle before measuring; then what the idle connections cost in CPU.
        await Task.Delay(TimeSpan.FromSeconds(1));
        using (var idleProcess = Process.GetCurrentProcess())
        {
            var idleCpu = idleProcess.TotalProcessorTime;
            await Task.Delay(TimeSpan.FromSeconds(2));
            idleProcess.Refresh();
            Console.Error.WriteLine($"idle {library}: {(idleProcess.TotalProcessorTime - idleCpu).TotalMilliseconds / 2:F0} ms CPU per second while idling");
        }

        var (heapIdle, workingSetIdle, threadsIdle) = Snapshot();
        Console.Error.WriteLine($"idle {library}: all in IDLE; heap +{(heapIdle - heapBefore) / 1024.0 / connections:F1} KiB per connection");
        if (Environment.GetEnvironmentVariable("IDLE_HOLD_SECONDS") is { } hold)
        {
            // For a heap snapshot (dotnet-gcdump collect -p PID) of the connections while they idle.
            Console.Error.WriteLine($"idle {library}: holding {hold} s, pid {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, CultureInfo.InvariantCulture)));
        }


        // The new message, from a connection that is neither library's.
        await using (var raw = await RawImapClient.ConnectAsync(host, port))
        {
            await raw.LoginAsync(user, password);
            var message = Encoding.ASCII.GetBytes("From: new@example.org\r\nSubject: new mail\r\n\r\nhello\r\n");
            using var self = Process.GetCurrentProcess();
            var (cpuBefore, allocatedBefore, collectionsBefore) = (self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0));
            var (workItemsBefore, switchesBefore) = (ThreadPool.CompletedWorkItemCount, ContextSwitches());
            var append = Stopwatch.StartNew();
            clients.StartClock(append);
            await raw.RunAsync($"APPEND INBOX {{{message.Length}+}}\r\n{Encoding.ASCII.GetString(message)}");
            var allTold = await clients.AllToldAsync().WaitAsync(Patience).ContinueWith(t => t.IsCompletedSuccessfully);
            self.Refresh();
            var (cpu, allocated, collections) = ((self.TotalProcessorTime - cpuBefore).TotalMilliseconds,
                GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, GC.CollectionCount(0) - collectionsBefore);
            var (workItems, switches) = (ThreadPool.CompletedWorkItemCount - workItemsBefore, ContextSwitches() - switchesBefore);
            Console.Error.WriteLine($"idle {library}: while telling: {cpu:F0} ms CPU, {allocated / (double)connections:F0} B allocated per connection, {collections} GCs, "
                + $"{workItems / (double)connections:F2} thread-pool work items and {switches / (double)connections:F2} context switches per connection");
            await raw.RunAsync("LOGOUT");
            var told = clients.Told;
            Console.Error.WriteLine($"idle {library}: {told} of {connections} told; first {clients.FirstTold:F3} s, last {clients.LastTold:F3} s");
            await clients.CloseAllAsync();
            var (lastArrived, medianAfterArrival, maxAfterArrival) = (clients.LastArrived, clients.ToldAfterArrival(0.5), clients.ToldAfterArrival(1));
            Console.Error.WriteLine($"idle {library}: bytes arrived at the last connection at {lastArrived:F3} s; told after arrival: median {medianAfterArrival * 1000:F2} ms, max {maxAfterArrival * 1000:F2} ms");
            return new IdleResult(library, connections, heapIdle - heapBefore, workingSetIdle - workingSetBefore, threadsBefore, threadsIdle,
                told, clients.FirstTold, clients.LastTold, cpu, allocated, collections, workItems, switches, lastArrived, medianAfterArrival, maxAfterArrival,
                allTold && told == connections);
        }
    }

    /// <summary>
    /// The process's context switches so far (every thread's, voluntary and not, from /proc; 0 where there is no
    /// /proc): a thread woken for a work item and put back to sleep costs two, whatever the work.
    /// </summary>
    private static long ContextSwitches()
    {
        long total = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                    {
                        if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                        {
                            total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                        }
                    }
                }
                catch (IOException)
                {
                    // The thread ended meanwhile.
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return total;
    }

    private static (long Heap, long WorkingSet, int Threads) Snapshot()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return (heap, process.WorkingSet64, process.Threads.Count);
    }

    /// <summary>N connections of one library, and when each was told of the new message.</summary>
    private interface IIdleClients
    {
        int Told { get; }

        double FirstTold { get; }

        double LastTold { get; }

        double LastArrived { get; }

        double ToldAfterArrival(double quantile);

        Task WarmUpAsync();

        void Prepare(int connections);

        Task OpenAsync(int index);

        void StartIdle(int index);

        Task AllIdlingAsync();

        void StartClock(Stopwatch clock);

        Task AllToldAsync();

        Task CloseAllAsync();
    }

    /// <summary>What both libraries share: the told bookkeeping.</summary>
    private abstract class ClientsBase : IIdleClients
    {
        private readonly TaskCompletionSource _allTold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long[] _toldAt = [];
        private long[] _arrivedAt = [];
        private int _told;
        private Stopwatch _clock = new();

        protected CancellationTokenSource Done { get; } = new();

        protected Task[] Idles { get; private set; } = [];

        protected uint[] Initial { get; private set; } = [];

        public int Told => Volatile.Read(ref _told);

        public double FirstTold => Seconds(_toldAt.Where(t => t != 0).DefaultIfEmpty(0).Min());

        public double LastTold => Seconds(_toldAt.Max());

        public double LastArrived => Seconds(_arrivedAt.Max());

        /// <summary>
        /// The given quantile (0.5: median, 1: max) over the connections of the time from the new message's bytes
        /// reaching the connection's stream to its event: the client's own part, whatever the server's pace.
        /// </summary>
        public double ToldAfterArrival(double quantile)
        {
            var delays = _toldAt.Zip(_arrivedAt, (told, arrived) => told != 0 && arrived != 0 ? told - arrived : -1)
                .Where(d => d >= 0).Order().ToArray();
            return delays.Length == 0 ? 0 : Seconds(delays[(int)Math.Round(quantile * (delays.Length - 1))]);
        }

        public abstract Task WarmUpAsync();

        public virtual void Prepare(int connections)
        {
            _toldAt = new long[connections];
            _arrivedAt = new long[connections];
            Idles = new Task[connections];
            Initial = new uint[connections];
        }

        public abstract Task OpenAsync(int index);

        public abstract void StartIdle(int index);

        public abstract Task AllIdlingAsync();

        public void StartClock(Stopwatch clock) => _clock = clock;

        public Task AllToldAsync() => _allTold.Task;

        public abstract Task CloseAllAsync();

        /// <summary>Called from each connection's own event: the first report of a count above the one at SELECT.</summary>
        protected void OnCount(int index, uint count)
        {
            if (count > Initial[index] && Interlocked.CompareExchange(ref _toldAt[index], Math.Max(1, _clock.ElapsedTicks), 0) == 0
                && Interlocked.Increment(ref _told) == _toldAt.Length)
            {
                _allTold.TrySetResult();
            }
        }

        /// <summary>Called by a connection's <see cref="ArrivalStream"/> for each read that returned bytes.</summary>
        protected void OnArrived(int index, int bytes)
        {
            if (bytes > 0 && _clock.IsRunning)
            {
                Interlocked.CompareExchange(ref _arrivedAt[index], Math.Max(1, _clock.ElapsedTicks), 0);
            }
        }

        private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
    }

    private sealed class OursClients(string host, int port, string user, string password) : ClientsBase
    {
        private readonly TaskCompletionSource _allIdling = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private ImapConnection[] _connections = [];
        private int _idling;

        private ImapConnectionOptions Options => new() { AllowPlaintextAuthentication = true };

        public override async Task WarmUpAsync()
        {
            await using var imap = await ImapConnection.ConnectAsync(host, port, ImapSecurity.None, Options);
            await imap.LoginAsync(user, password);
            await imap.SelectAsync("INBOX");
            using var done = new CancellationTokenSource();
            var idling = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            imap.ContinuationRequested += (_, _) => idling.TrySetResult();
            var idle = imap.IdleAsync(done.Token);
            await idling.Task.WaitAsync(Patience);
            await done.CancelAsync();
            await idle;
            await imap.NoopAsync();
        }

        public override void Prepare(int connections)
        {
            base.Prepare(connections);
            _connections = new ImapConnection[connections];
        }

        public override async Task OpenAsync(int index)
        {
            var stream = await ArrivalStream.ConnectAsync(host, port, bytes => OnArrived(index, bytes));
            var imap = await ImapConnection.ConnectAsync(stream, Options);
            await imap.LoginAsync(user, password);
            Initial[index] = (await imap.SelectAsync("INBOX")).Exists;
            imap.MailboxSizeChanged += (_, e) => OnCount(index, e.Exists);
            var seen = 0;
            imap.ContinuationRequested += (_, _) =>
            {
                if (Interlocked.Exchange(ref seen, 1) == 0 && Interlocked.Increment(ref _idling) == _connections.Length)
                {
                    _allIdling.TrySetResult();
                }
            };
            _connections[index] = imap;
        }

        public override void StartIdle(int index) => Idles[index] = _connections[index].IdleAsync(Done.Token);

        public override Task AllIdlingAsync() => _allIdling.Task;

        public override async Task CloseAllAsync()
        {
            await Done.CancelAsync();
            await Task.WhenAll(Idles);
            await System.Threading.Tasks.Parallel.ForEachAsync(_connections, new ParallelOptions { MaxDegreeOfParallelism = Parallel },
                async (imap, _) => await imap.DisposeAsync());
        }
    }

    private sealed class MailKitClients(string host, int port, string user, string password) : ClientsBase
    {
        private MailKit.Net.Imap.ImapClient[] _clients = [];

        public override async Task WarmUpAsync()
        {
            using var client = await ConnectAsync();
            using var done = new CancellationTokenSource();
            var idle = client.IdleAsync(done.Token);
            while (!client.IsIdle)
            {
                await Task.Delay(10);
            }

            await Task.Delay(200);
            await done.CancelAsync();
            await idle;
            await client.NoOpAsync();
            await client.DisconnectAsync(true);
        }

        public override void Prepare(int connections)
        {
            base.Prepare(connections);
            _clients = new MailKit.Net.Imap.ImapClient[connections];
        }

        public override async Task OpenAsync(int index)
        {
            var client = await ConnectAsync(index);
            Initial[index] = (uint)client.Inbox.Count;
            client.Inbox.CountChanged += (sender, _) => OnCount(index, (uint)((IMailFolder)sender!).Count);
            _clients[index] = client;
        }

        public override void StartIdle(int index) => Idles[index] = _clients[index].IdleAsync(Done.Token);

        /// <summary>MailKit tells when it has sent IDLE, not when the server has accepted it: a second is added for that.</summary>
        public override async Task AllIdlingAsync()
        {
            while (!_clients.All(c => c.IsIdle))
            {
                await Task.Delay(50);
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        public override async Task CloseAllAsync()
        {
            await Done.CancelAsync();
            await Task.WhenAll(Idles);
            await System.Threading.Tasks.Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (client, _) =>
            {
                await client.DisconnectAsync(true);
                client.Dispose();
            });
        }

        private async Task<MailKit.Net.Imap.ImapClient> ConnectAsync(int index = -1)
        {
            var client = new MailKit.Net.Imap.ImapClient();
            if (index < 0)
            {
                await client.ConnectAsync(host, port, MailKit.Security.SecureSocketOptions.None);
            }
            else
            {
                var stream = await ArrivalStream.ConnectAsync(host, port, bytes => OnArrived(index, bytes));
                await client.ConnectAsync(stream, host, port, MailKit.Security.SecureSocketOptions.None);
            }

            await client.AuthenticateAsync(user, password);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            return client;
        }
    }
}

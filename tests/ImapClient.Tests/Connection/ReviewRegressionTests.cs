using System.Net;
using System.Net.Sockets;
using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Connection.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>Regression tests for the defects an engine review found (A–N); each names the behaviour it guards.</summary>
[TestFixture]
public class ReviewRegressionTests
{
    private static async Task<bool> FinishesWithin(Task task, TimeSpan time) =>
        await Task.WhenAny(task, Task.Delay(time)) == task;

    // A: bodies smaller than the per-body pipe are read ahead without limit. Since commands awaited inside a
    // streaming loop complete (CommandsInsideStreamingTests), a command behind the bodies makes the reader go on, but
    // what it reads past the unread body is set aside within 1 MiB of memory, the rest in a temporary file. Without
    // such a command it reads small bodies ahead (so parsing one overlaps the transfer of the next) within 1 MiB.
    [Test]
    public async Task A_FetchStream_reads_past_an_unread_body_only_within_bounded_memory()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var bodies = imap.FetchStreamAsync(SequenceSet.Range(1, 20), new FetchRequest().AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("FETCH 1:20 BODY.PEEK[]");
        var text = new string('x', 200_000);
        var sb = new StringBuilder();
        for (var i = 1; i <= 20; i++)
        {
            sb.Append(CultureInfoInvariant($"* {i} FETCH (BODY[] {{{text.Length}}}\r\n{text})\r\n"));
        }

        sb.Append(CultureInfoInvariant($"{tag} OK done\r\n"));
        var sending = server.SendAsync(sb.ToString());
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);

        // Body 1 is not read, and nothing else waits: the reader loop waits for the caller.
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (!imap.WaitingForReader && real.Elapsed < Patience)
        {
            await Task.Delay(10);
        }

        // What it read ahead of the unread body is bounded: 5 of the 200,000-byte bodies fill the 1 MiB.
        Assert.That((imap.WaitingForReader, imap.Spooling.Spools), Is.EqualTo((true, 0)), "waits without setting aside");
        Assert.That((imap.ReadingAhead.Spools, imap.ReadingAhead.Peak), Is.EqualTo((5, 1_000_000L)), "read ahead within 1 MiB");

        // A NOOP (held back until the FETCH is done) needs the FETCH's end: the bodies are set aside to get there.
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await sending.WaitAsync(Patience);
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
        Assert.That(imap.Spooling.Peak, Is.LessThanOrEqualTo(1024 * 1024), "at most 1 MiB of the 4 MB in memory");
        Assert.That(imap.Spooling.FileBytes, Is.GreaterThan(1_500_000), "the rest in a temporary file");

        var count = 0;
        do
        {
            using var reader = new StreamReader(bodies.Current.Content);
            Assert.That(await reader.ReadToEndAsync(), Is.EqualTo(text));
            count++;
        }
        while (await bodies.MoveNextAsync());

        await bodies.DisposeAsync();
        Assert.That(count, Is.EqualTo(20));
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);

    // B: DisposeAsync waits for the consumer of a streamed body.
    [Test]
    public async Task B_DisposeAsync_does_not_wait_for_an_unread_streamed_body()
    {
        await using var server = new ScriptedServer();
        var imap = await ConnectSelectedAsync(server);
        var bodies = imap.FetchStreamAsync(SequenceSet.Single(1), new FetchRequest().AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("FETCH 1 BODY.PEEK[]");
        var text = new string('x', 1_000_000);
        await server.SendAsync($"* 1 FETCH (BODY[] {{{text.Length}}}\r\n{text})\r\n{tag} OK done\r\n");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);

        var disposing = imap.DisposeAsync().AsTask();
        var done = await FinishesWithin(disposing, Patience);
        await bodies.Current.DisposeAsync();
        await disposing.WaitAsync(Patience);
        Assert.That(done, Is.True, "DisposeAsync hung until the consumer released its body");
    }

    // C: streaming commands never time out.
    [Test]
    public async Task C_GetMessageAsync_honours_CommandTimeout()
    {
        await using var server = new ScriptedServer();
        var clock = new TestClock();
        await using var imap = await ConnectSelectedAsync(server, options: clock.Options(TimeSpan.FromSeconds(1)));
        var get = imap.GetMessageAsync(5);
        await server.ExpectCommandAsync("UID FETCH 5 (UID BODY.PEEK[])");
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await AssertPendingAsync(get, "less than the CommandTimeout has passed");
        var ex = await clock.AdvanceUntilDoneAsync(get, TimeSpan.FromMilliseconds(100));
        Assert.That(ex, Is.TypeOf<TimeoutException>(), "GetMessageAsync times out like any command");
    }

    // F: resp-text ending in {n} is taken for a literal.
    [Test]
    public async Task F_a_status_text_ending_in_braces_is_not_a_literal()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var select = imap.SelectAsync("x{2}");
        var tag = await server.ExpectCommandAsync("SELECT \"x{2}\"");
        await server.SendAsync($"{tag} NO Mailbox doesn't exist: x{{2}}\r\n");
        var ex = await CatchAsync(select);
        TestContext.Out.WriteLine($"F: {ex?.GetType()}: {ex?.Message}");
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        var ex2 = await CatchAsync(noop);
        TestContext.Out.WriteLine($"F noop: {ex2?.GetType()}: {ex2?.Message}");
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
    }

    // I: a body sent as a quoted string is dropped by the streaming API.
    [Test]
    public async Task I_DownloadAsync_of_an_empty_body_sent_as_a_quoted_string()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var file = new MemoryStream();
        var download = imap.DownloadAsync(7, file);
        var tag = await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");
        await server.SendAsync($"* 2 FETCH (UID 7 BODY[] \"\")\r\n{tag} OK\r\n");
        var ex = await CatchAsync(download);
        Assert.That(ex, Is.Null, "the message exists and is empty");
    }

    // J: items after the body are in its message by the time the next MoveNextAsync completes (the documented
    // contract; StreamedBodyEndTests pins the stricter one: before the body's stream reports its end).
    [Test]
    public async Task J_items_after_the_body_are_there_after_the_next_MoveNextAsync()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var bodies = imap.UidFetchStreamAsync(SequenceSet.Single(5), new FetchRequest(FetchItems.Uid | FetchItems.Flags).AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync();
        var tag = await server.ExpectCommandAsync("UID FETCH 5 (UID FLAGS BODY.PEEK[])");
        await server.SendAsync("* 3 FETCH (UID 5 BODY[] {5}\r\nhello");
        Assert.That(await moving.AsTask().WaitAsync(Patience), Is.True);
        var body = bodies.Current;
        var reading = new StreamReader(body.Content).ReadToEndAsync();
        await server.SendAsync($" FLAGS (\\Seen))\r\n{tag} OK\r\n");
        var content = await reading.WaitAsync(Patience);
        Assert.That(await bodies.MoveNextAsync().AsTask().WaitAsync(Patience), Is.False);
        await bodies.DisposeAsync();
        Assert.That(content, Is.EqualTo("hello"));
        Assert.That(body.Message.Flags!.Contains(SystemFlags.Seen), Is.True);
    }

    // D + H: a stalled peer: the write phase ignores CommandTimeout and cancellation; then DisposeAsync.
    [Test]
    public async Task D_an_APPEND_to_a_peer_that_stops_reading_times_out()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptSocketAsync();
        var clock = new TestClock();
        var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.None, clock.Options(TimeSpan.FromSeconds(2)));
        using var peer = await accepting;
        peer.Send(Encoding.ASCII.GetBytes("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"));
        var imap = await connecting.WaitAsync(Patience);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2), clock);
        var append = imap.AppendAsync("INBOX", new MemoryStream(new byte[256 * 1024 * 1024]), cancellationToken: cts.Token);

        // The fake clock moves on while the client fills the socket; the timeout counts from the last write accepted.
        var appendOutcome = await clock.AdvanceUntilDoneAsync(append, TimeSpan.FromMilliseconds(250));
        var finished = append.IsCompleted;
        TestContext.Out.WriteLine($"append finished={finished} after {clock.Elapsed} on the fake clock: {appendOutcome?.GetType()}");

        Exception? disposeError = null;
        try
        {
            await imap.DisposeAsync().AsTask().WaitAsync(Patience);
        }
        catch (Exception ex)
        {
            disposeError = ex;
        }

        TestContext.Out.WriteLine($"dispose error: {disposeError}");
        var appendError = await CatchAsync(append);
        TestContext.Out.WriteLine($"append error: {appendError?.GetType()}: {appendError?.Message}");
        Assert.Multiple(() =>
        {
            Assert.That(finished, Is.True, "AppendAsync ignored CommandTimeout and its cancelled token for 6 s");
            Assert.That(disposeError, Is.Null, "DisposeAsync threw");
        });
    }

    [Test]
    public async Task H_DisposeAsync_after_a_cancelled_flush_does_not_throw()
    {
        for (var round = 0; round < 5; round++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var accepting = listener.AcceptSocketAsync();
            var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.None);
            using var peer = await accepting;
            peer.Send(Encoding.ASCII.GetBytes("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"));
            var imap = await connecting.WaitAsync(Patience);
            var append = imap.AppendAsync("INBOX", new MemoryStream(new byte[64 * 1024 * 1024]));
            await Task.Delay(500);
            Exception? disposeError = null;
            try
            {
                await imap.DisposeAsync().AsTask().WaitAsync(Patience);
            }
            catch (Exception ex)
            {
                disposeError = ex;
            }

            var appendError = await CatchAsync(append);
            TestContext.Out.WriteLine($"round {round}: dispose: {disposeError?.GetType()}: {disposeError?.Message} | append: {appendError?.GetType()}: {appendError?.Message}");
            Assert.That(disposeError, Is.Null);
        }
    }

    // M: two UID streaming fetches of different UIDs, and a server that puts the body before the UID: the second
    // is held back until the first completes, so a body can only belong to the one command in flight.
    [Test]
    public async Task A_body_before_its_UID_goes_to_the_command_that_asked_for_it()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var a = imap.GetMessageAsync(100);
        var tagA = await server.ExpectCommandAsync("UID FETCH 100 (UID BODY.PEEK[])");
        var b = imap.GetMessageAsync(200);
        var next = await AssertClientSilentAsync(server, "the second streaming fetch waits for the first");
        const string MsgA = "Subject: I am 100\r\n\r\na\r\n";
        const string MsgB = "Subject: I am 200\r\n\r\nb\r\n";
        await server.SendAsync($"* 3 FETCH (BODY[] {{{MsgA.Length}}}\r\n{MsgA} UID 100)\r\n{tagA} OK\r\n");
        Assert.That((await a.WaitAsync(Patience)).Subject, Is.EqualTo("I am 100"));

        var (tagB, commandB) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(commandB, Is.EqualTo("UID FETCH 200 (UID BODY.PEEK[])"));
        await server.SendAsync($"* 7 FETCH (BODY[] {{{MsgB.Length}}}\r\n{MsgB} UID 200)\r\n{tagB} OK\r\n");
        Assert.That((await b.WaitAsync(Patience)).Subject, Is.EqualTo("I am 200"));
    }

    // L: a command awaited inside the enumeration: see CommandsInsideStreamingTests.

    // G: a logger that throws leaves a command registered and half of it buffered.
    private sealed class ThrowingLogger : IImapProtocolLogger
    {
        public bool Armed { get; set; }

        public void Log(ImapProtocolLogEntry entry)
        {
            if (Armed && entry.Direction == ImapProtocolDirection.Sent && entry.Text.StartsWith('<'))
            {
                Armed = false;
                throw new NotSupportedException("log sink full");
            }
        }
    }

    [Test]
    public async Task G_a_throwing_logger_does_not_desynchronise_the_stream()
    {
        await using var server = new ScriptedServer();
        var logger = new ThrowingLogger();
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n",
            new ImapConnectionOptions { CommandTimeout = TimeSpan.FromSeconds(3), ProtocolLogger = logger, TimeProvider = new TestClock() });
        var reported = new TaskCompletionSource<Exception>();
        imap.EventHandlerFailed += (_, e) => reported.TrySetResult(e.Exception);
        logger.Armed = true;
        var append = imap.AppendAsync("INBOX", new MemoryStream("hello"u8.ToArray()));
        var (tag, command) = SplitTag(await server.ReadLineAsync());
        Assert.That(command, Is.EqualTo("APPEND INBOX {5+}"));
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("hello\r\n"), "the literal's data follows whatever the logger did");
        await server.SendAsync($"{tag} OK appended\r\n");
        await append.WaitAsync(Patience);
        Assert.That(await reported.Task.WaitAsync(Patience), Is.TypeOf<NotSupportedException>());

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
    }

    // K: a command whose caller gave up and that later fails is an unobserved task exception.
    [Test]
    public async Task K_a_cancelled_command_that_later_fails_is_not_an_unobserved_exception()
    {
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> handler = (_, e) => { if (e.Exception.InnerException is ImapCommandException) { Interlocked.Increment(ref unobserved); } };
        TaskScheduler.UnobservedTaskException += handler;
        try
        {
            await using var server = new ScriptedServer();
            await using var imap = await ConnectSelectedAsync(server);
            await RunAndAbandonAsync(server, imap);
            for (var i = 0; i < 5 && unobserved == 0; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                await Task.Delay(50);
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= handler;
        }

        Assert.That(unobserved, Is.Zero);
    }

    private static async Task RunAndAbandonAsync(ScriptedServer server, ImapConnection imap)
    {
        using var cts = new CancellationTokenSource();
        var noop = imap.NoopAsync(cts.Token);
        var tag = await server.ExpectCommandAsync("NOOP");
        await cts.CancelAsync();
        await CatchAsync(noop);
        await server.SendAsync($"{tag} NO later\r\n");
        await Task.Delay(100);
        var noop2 = imap.NoopAsync();
        var tag2 = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag2} OK\r\n");
        await noop2;
    }

    [Test]
    public async Task N_implicit_TLS_against_a_plaintext_server_throws_ImapConnectionException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptSocketAsync();
        var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.ImplicitTls);
        using var peer = await accepting;
        peer.Send(Encoding.ASCII.GetBytes("* OK [CAPABILITY IMAP4rev1] ready\r\n"));
        var ex = await CatchAsync(connecting);
        TestContext.Out.WriteLine($"N: {ex?.GetType()}: {ex?.Message}");
        Assert.That(ex, Is.InstanceOf<ImapConnectionException>());
    }

    [Test]
    public async Task N2_implicit_TLS_server_closing_during_handshake()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptSocketAsync();
        var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.ImplicitTls);
        using var peer = await accepting;
        peer.Shutdown(SocketShutdown.Both);
        peer.Close();
        var ex = await CatchAsync(connecting);
        TestContext.Out.WriteLine($"N2: {ex?.GetType()}: {ex?.Message}");
        Assert.That(ex, Is.InstanceOf<ImapConnectionException>());
    }
}

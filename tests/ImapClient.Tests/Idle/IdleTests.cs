using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Idle;

/// <summary>IDLE (RFC 2177): entered, reported, left with DONE, interrupted by other tasks' commands, restarted, polled.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class IdleTests(Delivery delivery)
{
    /// <summary>
    /// A connection, on <paramref name="clock"/> when given. Then without a command timeout: the tests move the clock
    /// on in steps until the client acts, and may overshoot by more than any command timeout (the wait for IDLE's
    /// completion after DONE, or for a poll's NOOP, would then time out although nothing is wrong).
    /// </summary>
    private Task<ImapConnection> ConnectAsync(ScriptedServer server, string capabilities = "IMAP4rev1 IDLE", TestClock? clock = null) =>
        ConnectSelectedAsync(server, capabilities, clock?.Options(Timeout.InfiniteTimeSpan));

    [Test]
    public async Task Changes_arrive_as_events_while_idling_and_the_done_token_ends_it_with_DONE()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        var sizes = new List<uint>();
        var sawExists = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        imap.MailboxSizeChanged += (_, e) =>
        {
            sizes.Add(e.Exists);
            sawExists.TrySetResult();
        };
        using var done = new CancellationTokenSource();

        var idling = imap.IdleAsync(done.Token);
        var tag = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n* 21 EXISTS\r\n");
        await sawExists.Task.WaitAsync(Patience);
        var next = await AssertClientSilentAsync(server, "the client idles until told to stop");

        await done.CancelAsync();
        Assert.That(await next.WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{tag} OK IDLE terminated\r\n");
        await idling.WaitAsync(Patience);

        Assert.That(sizes, Is.EqualTo(new uint[] { 21 }));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(21u));
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    [Test]
    public async Task A_command_from_another_task_ends_the_IDLE_runs_and_the_IDLE_resumes()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        using var done = new CancellationTokenSource();
        var idling = imap.IdleAsync(done.Token);
        var idleTag = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n");

        var noop = imap.NoopAsync();
        Assert.That(await server.ReadLineAsync().WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{idleTag} OK IDLE terminated\r\n");
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK NOOP completed\r\n");
        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));

        var again = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n");
        await done.CancelAsync();
        Assert.That(await server.ReadLineAsync().WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{again} OK IDLE terminated\r\n");
        await idling.WaitAsync(Patience);
    }

    [Test]
    public async Task Without_interruptions_other_commands_wait_for_the_IDLE_to_end()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        using var done = new CancellationTokenSource();
        var idling = imap.IdleAsync(new ImapIdleOptions { AllowInterruptions = false }, done.Token);
        var idleTag = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n");

        var noop = imap.NoopAsync();
        var next = await AssertClientSilentAsync(server, "the NOOP waits; no DONE is sent for it");
        Assert.That(noop.IsCompleted, Is.False);

        await done.CancelAsync();
        Assert.That(await next.WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{idleTag} OK IDLE terminated\r\n");
        await idling.WaitAsync(Patience);
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
    }

    [Test]
    public async Task The_IDLE_is_reissued_after_the_restart_interval()
    {
        var clock = new TestClock();
        var interval = TimeSpan.FromMinutes(29);
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server, clock: clock);
        using var done = new CancellationTokenSource();
        var idling = imap.IdleAsync(new ImapIdleOptions { RestartInterval = interval }, done.Token);

        var first = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n");
        await clock.ReceivedAsync("+ idling");

        // The restart timer starts when the "+" is read, which the line above waited for.
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        var doneLine = await AssertClientSilentAsync(server, "the IDLE is not restarted before the interval");
        var written = await clock.AdvanceUntilDoneAsync(doneLine, TimeSpan.FromMinutes(1));
        Assert.That(written, Is.Null);
        Assert.That(doneLine.Result, Is.EqualTo("DONE\r\n"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(interval));
        await server.SendAsync($"{first} OK IDLE terminated\r\n");
        var second = await server.ExpectCommandAsync("IDLE");
        Assert.That(second, Is.Not.EqualTo(first));

        await done.CancelAsync();
        await server.SendAsync("+ idling\r\n");
        Assert.That(await server.ReadLineAsync().WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{second} OK IDLE terminated\r\n");
        await idling.WaitAsync(Patience);
    }

    [Test]
    public async Task Cancelling_sends_DONE_then_throws_and_the_connection_stays_usable()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        using var cancel = new CancellationTokenSource();
        var idling = imap.IdleAsync(CancellationToken.None, cancel.Token);
        var tag = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n");

        await cancel.CancelAsync();
        Assert.That(await server.ReadLineAsync().WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{tag} OK IDLE terminated\r\n");

        Assert.That(await CatchAsync(idling), Is.InstanceOf<OperationCanceledException>());
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    [Test]
    public async Task A_BYE_while_idling_is_reported_with_the_servers_words()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        var idling = imap.IdleAsync(CancellationToken.None);
        await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n* BYE Autologout; idle for too long\r\n");

        var ex = await CatchAsync(idling);
        Assert.That(ex, Is.TypeOf<ImapConnectionException>());
        Assert.That(ex!.Message, Does.Contain("idle for too long"));
    }

    [Test]
    public async Task Without_IDLE_the_server_is_polled_with_NOOP()
    {
        var clock = new TestClock();
        var interval = TimeSpan.FromMinutes(1);
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server, "IMAP4rev1", clock);
        using var done = new CancellationTokenSource();
        var idling = imap.IdleAsync(new ImapIdleOptions { PollInterval = interval }, done.Token);

        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 22 EXISTS\r\n{tag} OK NOOP completed\r\n");
        await clock.ReceivedAsync("OK NOOP completed");

        // The next poll waits for the interval, which only the fake clock can make pass.
        clock.Advance(interval - TimeSpan.FromSeconds(1));
        var next = await AssertClientSilentAsync(server, "no NOOP before the poll interval has passed");
        Assert.That(await clock.AdvanceUntilDoneAsync(next, TimeSpan.FromSeconds(1)), Is.Null);
        var (secondTag, command) = SplitTag(next.Result);
        Assert.That(command, Is.EqualTo("NOOP"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(interval));
        await server.SendAsync($"* 23 EXISTS\r\n{secondTag} OK NOOP completed\r\n");
        await clock.ReceivedAsync("OK NOOP completed");

        await done.CancelAsync();
        await idling.WaitAsync(Patience);
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(23u));
    }

    [Test]
    public async Task WatchAsync_yields_what_the_server_reports_and_breaking_out_ends_the_IDLE()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectAsync(server);
        var seen = new List<ImapResponse>();
        var watching = Task.Run(async () =>
        {
            await foreach (var update in imap.WatchAsync())
            {
                seen.Add(update);
                if (seen.Count == 3)
                {
                    break;
                }
            }
        });

        var tag = await server.ExpectCommandAsync("IDLE");
        await server.SendAsync("+ idling\r\n* 21 EXISTS\r\n* 3 EXPUNGE\r\n* 7 FETCH (FLAGS (\\Seen))\r\n");
        Assert.That(await server.ReadLineAsync().WaitAsync(Patience), Is.EqualTo("DONE\r\n"));
        await server.SendAsync($"{tag} OK IDLE terminated\r\n");
        await watching.WaitAsync(Patience);

        Assert.That(seen.Select(s => s.GetType()), Is.EqualTo(new[] { typeof(ImapExistsResponse), typeof(ImapExpungeResponse), typeof(ImapFetchResponse) }));
    }

    [Test]
    public async Task IDLE_before_signing_in_is_refused_before_anything_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n");

        Assert.That(await CatchAsync(imap.IdleAsync(CancellationToken.None)), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }
}

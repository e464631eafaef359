using System.Diagnostics;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.Faults.FaultTestKit;
using ImapClient.Tests.Infrastructure.Faults;

namespace ImapClient.Tests.Connection;

/// <summary>
/// A server that stops sending (or stops reading) gives <see cref="TimeoutException"/> after the command timeout,
/// never a hang; a server that only paused is still in step with us once it sends again. The connections run on a
/// fake clock: a timeout fires when the test moves the clock, never because Dovecot or the machine was slow.
/// </summary>
public class StalledServerTests : DovecotTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(1);

    /// <summary>How far the fake clock moves at a time once a timeout is due.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>Moves the clock to just short of the timeout (nothing may fail yet), then on until the task ends.</summary>
    private static async Task<Exception?> TimeOutAsync(TestClock clock, Task task, string name)
    {
        var almost = CommandTimeout - TimeSpan.FromMilliseconds(1);
        if (clock.Elapsed < almost)
        {
            clock.Advance(almost - clock.Elapsed);
        }

        if (clock.Elapsed < CommandTimeout)
        {
            await SessionTestKit.AssertPendingAsync(task, $"{name} does not time out before the timeout");
        }

        var error = await clock.AdvanceUntilDoneAsync(task, Step);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(CommandTimeout), name);
        return error;
    }

    [Test]
    public async Task Commands_sent_to_a_silent_server_time_out_and_the_stream_stays_in_step_when_it_wakes()
    {
        using var unobserved = UnobservedExceptions.Start();
        await SilentThenAwakeAsync();
        await unobserved.AssertNoneAsync();
    }

    private static async Task SilentThenAwakeAsync()
    {
        var mailbox = SeedMailbox(10, bodyLines: 2);
        await using var proxy = StartProxy();
        var clock = new TestClock();
        await using var imap = await LoginAsync(proxy, CommandTimeout, clock);
        var connection = await proxy.NextConnectionAsync();
        await imap.SelectAsync(mailbox);

        connection.ToClient.Stall();
        var commands = new (string Name, Task Task)[]
        {
            ("NOOP", imap.NoopAsync()),
            ("FETCH", imap.FetchAsync(SequenceSet.Range(1, 10), new FetchRequest(FetchItems.Envelope))),
            ("CAPABILITY", imap.CapabilityAsync()),
        };
        foreach (var (name, task) in commands)
        {
            var error = await TimeOutAsync(clock, task, name);
            Assert.That(error, Is.InstanceOf<TimeoutException>(), $"{name}: {error}");
        }

        // The timed-out commands stay registered, so their late answers are consumed and not taken for new ones.
        connection.ToClient.Resume();
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        await imap.NoopAsync().WaitAsync(Patience);
        var fetched = await imap.FetchAsync(SequenceSet.Single(7), new FetchRequest(FetchItems.Envelope)).WaitAsync(Patience);
        Assert.That(fetched.Single().Envelope!.Subject, Is.EqualTo("Message 7"));
    }

    [Test]
    public async Task A_server_that_never_greets_fails_the_connect_after_the_connect_timeout()
    {
        await using var proxy = StartProxy(c => c.ToClient.Stall());
        var clock = new TestClock();
        var options = Options(CommandTimeout, clock: clock);
        options.ConnectTimeout = TimeSpan.FromSeconds(1);
        var connecting = ImapConnection.ConnectAsync(proxy.Host, proxy.Port, ImapSecurity.None, options);
        clock.Advance(options.ConnectTimeout - TimeSpan.FromMilliseconds(1));
        await SessionTestKit.AssertPendingAsync(connecting, "the connect timeout has not passed");
        var error = await clock.AdvanceUntilDoneAsync(connecting, Step);
        Assert.That(error, Is.InstanceOf<TimeoutException>(), error?.ToString());
        Assert.That(error!.Message, Does.Contain("took longer than 00:00:01"));
    }

    [Test]
    public async Task A_server_that_stalls_in_the_middle_of_a_SASL_exchange_times_it_out_and_closes_the_connection()
    {
        using var unobserved = UnobservedExceptions.Start();
        await StallMidExchangeAsync();
        await unobserved.AssertNoneAsync();
    }

    private static async Task StallMidExchangeAsync()
    {
        // The server's first SCRAM challenge is held back: the client is half-way through a conversation.
        FaultRule? stall = null;
        await using var proxy = StartProxy(c => stall = c.ToClient.At(FaultPoint.After("\r\n+ ", extraBytes: -2), FaultKind.Stall));
        var clock = new TestClock();
        await using var imap = await ImapConnection.ConnectAsync(proxy.Host, proxy.Port, ImapSecurity.None, Options(CommandTimeout, clock: clock));
        var auth = imap.AuthenticateAsync("SCRAM-SHA-256", new System.Net.NetworkCredential(User, Server.Users[User]));
        await stall!.Fired.WaitAsync(Patience);
        var error = await TimeOutAsync(clock, auth, "AUTHENTICATE");
        Assert.That(error, Is.InstanceOf<TimeoutException>(), error?.ToString());
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout), "half a conversation cannot be resumed");
    }

    [Test]
    public async Task A_server_that_stalls_in_the_middle_of_a_response_times_out_the_command()
    {
        using var unobserved = UnobservedExceptions.Start();
        await StallMidResponseAsync();
        await unobserved.AssertNoneAsync();
    }

    private static async Task StallMidResponseAsync()
    {
        var mailbox = SeedMailbox(40, bodyLines: 20);
        FaultRule? stall = null;
        await using var proxy = StartProxy(c => stall = c.ToClient.At(FaultPoint.After("* 20 FETCH"), FaultKind.Stall));
        var clock = new TestClock();
        await using var imap = await LoginAsync(proxy, CommandTimeout, clock);
        var connection = await proxy.NextConnectionAsync();
        await imap.SelectAsync(mailbox);

        var fetch = imap.FetchAsync(SequenceSet.Range(1, 40), new FetchRequest(FetchItems.Uid).AddBodySection(""));
        await stall!.Fired.WaitAsync(Patience);
        var error = await clock.AdvanceUntilDoneAsync(fetch, Step);
        Assert.That(error, Is.InstanceOf<TimeoutException>(), error?.ToString());
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(CommandTimeout));

        connection.ToClient.Resume();
        var again = await imap.FetchAsync(SequenceSet.Single(40), new FetchRequest(FetchItems.Envelope)).WaitAsync(Patience);
        Assert.That(again.Single().Envelope!.Subject, Is.EqualTo("Message 40"));
    }

    [Test]
    public async Task A_server_that_stalls_in_the_middle_of_a_streamed_body_times_out_the_read()
    {
        using var unobserved = UnobservedExceptions.Start();
        await StallMidBodyAsync();
        await unobserved.AssertNoneAsync();
    }

    private static async Task StallMidBodyAsync()
    {
        var mailbox = SeedMailbox(3, bodyLines: 2000);
        FaultRule? stall = null;
        await using var proxy = StartProxy(c => stall = c.ToClient.At(FaultPoint.After(BodyLine(2, 1000)), FaultKind.Stall));
        var clock = new TestClock();
        await using var imap = await LoginAsync(proxy, CommandTimeout, clock);
        await imap.SelectAsync(mailbox);

        var task = Task.Run(async () =>
        {
            await foreach (var body in imap.FetchStreamAsync(SequenceSet.Range(1, 3), new FetchRequest(FetchItems.Uid).AddBodySection("")))
            {
                var buffer = new byte[8192];
                while (await body.Content.ReadAsync(buffer) > 0)
                {
                }
            }
        });
        await stall!.Fired.WaitAsync(Patience);
        var error = await clock.AdvanceUntilDoneAsync(task, Step);
        Assert.That(error, Is.InstanceOf<TimeoutException>(), error?.ToString());
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(CommandTimeout));
    }

    [Test]
    public async Task A_reader_slower_than_the_timeout_is_not_taken_for_a_stalled_server()
    {
        using var unobserved = UnobservedExceptions.Start();
        await SlowReaderAsync();
        await unobserved.AssertNoneAsync();
    }

    private static async Task SlowReaderAsync()
    {
        // The first body fits in what the connection buffers for a reader, so the second one waits for the caller to
        // finish it; the second is far larger, so the server's data waits in the socket while the caller dawdles.
        int[] lines = [100, 32_000];
        var mailbox = SeedMailbox(lines);
        var clock = new TestClock();
        await using var imap = await LoginAsync(null, CommandTimeout, clock);
        await imap.SelectAsync(mailbox);

        var lengths = new List<long>();
        await foreach (var body in imap.FetchStreamAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Uid).AddBodySection("")))
        {
            var buffer = new byte[4096];
            var length = (long)await body.Content.ReadAsync(buffer);

            // The caller takes its time over the body: the server is not silent, we are just not reading. The clock
            // moves once the connection waits for us (the server's data stays in the socket or our buffer meanwhile).
            var real = Stopwatch.StartNew();
            while (!imap.WaitingForReader && real.Elapsed < Patience)
            {
                await Task.Delay(5);
            }

            Assert.That(imap.WaitingForReader, Is.True, "the connection waits for the caller to read on");
            clock.Advance(CommandTimeout * 1.5);
            int n;
            while ((n = await body.Content.ReadAsync(buffer).AsTask().WaitAsync(Patience)) > 0)
            {
                length += n;
            }

            lengths.Add(length);
        }

        Assert.That(lengths, Is.EqualTo(new[] { MessageContent(1, lines[0]).Length, MessageContent(2, lines[1]).Length }));
        await imap.NoopAsync().WaitAsync(Patience);
    }

    [Test]
    public async Task A_server_that_stops_reading_during_an_APPEND_times_it_out_and_stores_nothing()
    {
        using var unobserved = UnobservedExceptions.Start();
        var mailbox = SeedMailbox(1, bodyLines: 1);
        await AppendToDeafServerAsync(mailbox);
        await unobserved.AssertNoneAsync();

        await using var direct = await LoginAsync(null, TimeSpan.FromSeconds(30));
        var info = await direct.ExamineAsync(mailbox);
        Assert.That(info.Exists, Is.EqualTo(1), "the message the server never fully read was not stored");
    }

    private static async Task AppendToDeafServerAsync(string mailbox)
    {
        await using var proxy = StartProxy();
        var clock = new TestClock();
        await using var imap = await LoginAsync(proxy, CommandTimeout, clock);
        var connection = await proxy.NextConnectionAsync();
        connection.ToServer.Stall();

        // Far more than the socket buffers on both sides of the proxy hold, so the client's writes must block. The
        // clock moves while they fill; the stall timeout counts from the last write the socket accepted.
        const long Size = 64L * 1024 * 1024;
        var error = await clock.AdvanceUntilDoneAsync(imap.AppendAsync(mailbox, new GeneratedMessageStream(Size), Size), Step);
        Assert.That(error, Is.InstanceOf<TimeoutException>(), error?.ToString());
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout), "half an APPEND is on the wire: the connection is closed");
    }
}

using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>
/// The command timeout measures silence: a server that keeps sending is waited for, one that stalls is not. The
/// connection runs on a fake clock, so the margins are exact whatever the machine's speed.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class InactivityTimeoutTests(Delivery delivery)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);

    [Test]
    public async Task A_FETCH_whose_data_keeps_arriving_outlives_the_timeout_and_completes()
    {
        var clock = new TestClock();
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: clock.Options(Timeout));
        var fetching = imap.FetchAsync(SequenceSet.Range(1, 8), new FetchRequest(FetchItems.Uid));
        var tag = await server.ExpectCommandAsync("FETCH 1:8 UID");
        for (uint n = 1; n <= 8; n++)
        {
            // A quarter of the timeout passes between lines; each line is read before the clock moves again.
            clock.Advance(Timeout / 4);
            await server.SendAsync($"* {n} FETCH (UID {n + 40})\r\n");
            await clock.ReceivedAsync($"* {n} FETCH");
        }

        await server.SendAsync($"{tag} OK done\r\n");
        var messages = await fetching.WaitAsync(Patience);

        Assert.That(clock.Elapsed, Is.EqualTo(Timeout * 2), "the FETCH took twice the timeout in all");
        Assert.That(messages.Select(m => m.Uid), Is.EqualTo(Enumerable.Range(41, 8).Select(u => (uint?)u)));
    }

    [Test]
    public async Task A_FETCH_whose_server_pauses_longer_than_the_timeout_between_lines_times_out()
    {
        // The counterpart of the test above: the same FETCH, one pause longer than the timeout.
        var clock = new TestClock();
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: clock.Options(Timeout));
        var fetching = imap.FetchAsync(SequenceSet.Range(1, 8), new FetchRequest(FetchItems.Uid));
        await server.ExpectCommandAsync("FETCH 1:8 UID");
        clock.Advance(Timeout / 4);
        await server.SendAsync("* 1 FETCH (UID 41)\r\n");
        await clock.ReceivedAsync("* 1 FETCH");

        clock.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        await AssertPendingAsync(fetching, "less than the timeout has passed since the last line");
        var ex = await clock.AdvanceUntilDoneAsync(fetching, TimeSpan.FromMilliseconds(10));

        Assert.That(ex, Is.TypeOf<TimeoutException>());
        Assert.That(clock.Elapsed, Is.GreaterThan(Timeout / 4 + Timeout));
    }

    [Test]
    public async Task A_server_that_goes_silent_mid_FETCH_times_it_out_naming_the_command()
    {
        var clock = new TestClock();
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: clock.Options(Timeout));
        var fetching = imap.FetchAsync(SequenceSet.Range(1, 8), new FetchRequest(FetchItems.Uid));
        await server.ExpectCommandAsync("FETCH 1:8 UID");
        await server.SendAsync("* 1 FETCH (UID 41)\r\n");
        await clock.ReceivedAsync("* 1 FETCH");

        var ex = await clock.AdvanceUntilDoneAsync(fetching, TimeSpan.FromMilliseconds(10));

        Assert.That(ex, Is.TypeOf<TimeoutException>());
        Assert.That(ex!.Message, Does.Contain("FETCH").And.Contain("sent nothing"));
        Assert.That(clock.Elapsed, Is.GreaterThan(Timeout));
    }

    [Test]
    public async Task A_server_silent_after_a_streaming_FETCH_times_out_the_enumeration()
    {
        // The enumeration has no timer of its own: the watchdog's timeout of the command must reach the caller's wait.
        var clock = new TestClock();
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: clock.Options(Timeout));
        var bodies = imap.UidFetchStreamAsync(SequenceSet.Single(7), new FetchRequest(FetchItems.Uid).AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync().AsTask();
        await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");

        clock.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        await AssertPendingAsync(moving, "less than the timeout has passed");
        var ex = await clock.AdvanceUntilDoneAsync(moving, TimeSpan.FromMilliseconds(10));

        Assert.That(ex, Is.TypeOf<TimeoutException>(), ex?.ToString());
        Assert.That(ex!.Message, Does.Contain("FETCH").And.Contain("sent nothing"));
        Assert.That(clock.Elapsed, Is.GreaterThan(Timeout));
        await bodies.DisposeAsync();
    }
}

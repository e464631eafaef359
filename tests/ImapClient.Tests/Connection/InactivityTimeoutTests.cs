using System.Diagnostics;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Connection.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>The command timeout measures silence: a server that keeps sending is waited for, one that stalls is not.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class InactivityTimeoutTests(Delivery delivery)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);

    [Test]
    public async Task A_FETCH_whose_data_keeps_arriving_outlives_the_timeout_and_completes()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { CommandTimeout = Timeout });
        var clock = Stopwatch.StartNew();
        var fetching = imap.FetchAsync(SequenceSet.Range(1, 8), new FetchRequest(FetchItems.Uid));
        var tag = await server.ExpectCommandAsync("FETCH 1:8 UID");
        for (uint n = 1; n <= 8; n++)
        {
            await Task.Delay(Timeout / 4);
            await server.SendAsync($"* {n} FETCH (UID {n + 40})\r\n");
        }

        await server.SendAsync($"{tag} OK done\r\n");
        var messages = await fetching.WaitAsync(Patience);

        Assert.That(clock.Elapsed, Is.GreaterThan(Timeout * 1.5), "the FETCH took longer than the timeout in all");
        Assert.That(messages.Select(m => m.Uid), Is.EqualTo(Enumerable.Range(41, 8).Select(u => (uint?)u)));
    }

    [Test]
    public async Task A_server_that_goes_silent_mid_FETCH_times_it_out_naming_the_command()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { CommandTimeout = Timeout });
        var fetching = imap.FetchAsync(SequenceSet.Range(1, 8), new FetchRequest(FetchItems.Uid));
        await server.ExpectCommandAsync("FETCH 1:8 UID");
        await server.SendAsync("* 1 FETCH (UID 41)\r\n");

        var ex = await CatchAsync(fetching);

        Assert.That(ex, Is.TypeOf<TimeoutException>());
        Assert.That(ex!.Message, Does.Contain("FETCH").And.Contain("sent nothing"));
    }

    [Test]
    public async Task A_server_silent_after_a_streaming_FETCH_times_out_the_enumeration()
    {
        // The enumeration has no timer of its own: the watchdog's timeout of the command must reach the caller's wait.
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, options: new ImapConnectionOptions { CommandTimeout = Timeout });
        var clock = Stopwatch.StartNew();
        var bodies = imap.UidFetchStreamAsync(SequenceSet.Single(7), new FetchRequest(FetchItems.Uid).AddBodySection("")).GetAsyncEnumerator();
        var moving = bodies.MoveNextAsync().AsTask();
        await server.ExpectCommandAsync("UID FETCH 7 (UID BODY.PEEK[])");

        var ex = await CatchAsync(moving.WaitAsync(Patience));

        Assert.That(ex, Is.TypeOf<TimeoutException>(), ex?.ToString());
        Assert.That(ex!.Message, Does.Contain("FETCH").And.Contain("sent nothing"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(Timeout * 0.9));
        await bodies.DisposeAsync();
    }
}

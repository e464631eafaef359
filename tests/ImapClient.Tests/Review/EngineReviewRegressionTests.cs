using System.Diagnostics.Metrics;
using System.Reflection;
using ImapClient.Diagnostics;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Connection.SessionTestKit;

namespace ImapClient.Tests.Review;

/// <summary>Regressions for the engine review: each test failed before its fix.</summary>
[NonParallelizable]
public class EngineReviewRegressionTests
{
    [Test]
    public async Task A_LOGOUT_the_server_ends_by_closing_after_BYE_leaves_no_command_counted_in_flight()
    {
        long inFlight = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == ImapTelemetry.Name && i.Name.Contains("in_flight", StringComparison.Ordinal) || i.Meter.Name == ImapTelemetry.Name && i.GetType().Name.Contains("UpDown", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => Interlocked.Add(ref inFlight, v));
        listener.Start();

        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var logout = imap.LogoutAsync();
        await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync("* BYE bye\r\n");
        await server.CloseAsync();
        Assert.That(await CatchAsync(logout), Is.Null, "LOGOUT succeeds");
        Assert.That(Interlocked.Read(ref inFlight), Is.EqualTo(0), "commands in flight back to zero");
    }

    [Test]
    public async Task COMPRESS_cancelled_after_it_was_sent_breaks_the_connection_rather_than_desync_it()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 COMPRESS=DEFLATE");
        using var cts = new CancellationTokenSource();
        var compressing = imap.CompressAsync(cts.Token);
        var tag = await server.ExpectCommandAsync("COMPRESS DEFLATE");
        await cts.CancelAsync();
        Assert.That(await CatchAsync(compressing), Is.InstanceOf<OperationCanceledException>());
        await server.SendAsync($"{tag} OK DEFLATE active\r\n");
        await Task.Delay(200);

        // The client now writes uncompressed while the server inflates, and nobody reads: the next command hangs.
        var noop = imap.NoopAsync();
        var line = server.ReadLineAsync();
        if (await Task.WhenAny(line, Task.Delay(500)) == line && line.IsCompletedSuccessfully)
        {
            await server.SendAsync($"{SplitTag(line.Result).Tag} OK done\r\n");
        }

        var ex = await CatchAsync(noop);
        Assert.That(ex, Is.InstanceOf<ImapConnectionException>(), $"got {ex?.GetType().Name}: {ex?.Message}; compressed={imap.IsCompressed}");
    }

    [Test]
    public async Task A_UID_FETCH_with_an_EXPUNGE_in_between_keeps_every_message_that_remains_apart()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var fetch = imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        var (tag, _) = SplitTag(await server.ReadLineAsync());
        await server.SendAsync("* 1 FETCH (UID 10 FLAGS ())\r\n* 2 FETCH (UID 20 FLAGS ())\r\n* 1 EXPUNGE\r\n* 2 FETCH (UID 30 FLAGS (\\Seen))\r\n"
            + $"{tag} OK done\r\n");
        var messages = await fetch.WaitAsync(Patience);
        // UID 30 came as 2 after the expunge: not merged into UID 20. UID 10 was expunged and is not returned.
        Assert.That(messages.Select(m => (m.Uid, m.SequenceNumber)), Is.EquivalentTo(new (uint?, uint)[] { (20, 1), (30, 2) }));
    }

    [Test]
    public async Task An_unparsable_SEARCH_response_fails_the_search_instead_of_returning_empty()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var search = imap.UidSearchAsync(SearchQuery.All);
        var (tag, _) = SplitTag(await server.ReadLineAsync());
        await server.SendAsync($"* SEARCH 1 2 x3\r\n{tag} OK done\r\n");
        var ex = await CatchAsync(search);
        Assert.That(ex, Is.InstanceOf<ImapProtocolException>(), $"result: {(ex is null ? string.Join(",", search.Result) : ex.Message)}");
    }

    [Test]
    public async Task An_unparsable_LIST_response_fails_the_list()
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var list = imap.ListAsync("", "*");
        var (tag, _) = SplitTag(await server.ReadLineAsync());
        await server.SendAsync($"* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\HasNoChildren \"/\" Archive\r\n{tag} OK done\r\n");
        var ex = await CatchAsync(list);
        Assert.That(ex, Is.InstanceOf<ImapProtocolException>(), $"result: {(ex is null ? string.Join(",", list.Result.Select(e => e.Name)) : ex.Message)}");
    }

    [Test]
    public async Task A_watchdog_tick_after_dispose_does_not_throw()
    {
        await using var server = new ScriptedServer();
        var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var noop = imap.NoopAsync();   // arms the watchdog (creates the timer)
        await server.SendAsync($"{await server.ExpectCommandAsync("NOOP")} OK done\r\n");
        await noop.WaitAsync(Patience);
        var session = typeof(ImapConnection).GetField("_session", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(imap)!;
        await imap.DisposeAsync();     // StopWatchdog disposes the timer; a callback already running continues
        var onWatchdog = session.GetType().GetMethod("OnWatchdog", BindingFlags.NonPublic | BindingFlags.Instance)!;
        Assert.DoesNotThrow(() =>
        {
            try { onWatchdog.Invoke(session, null); }
            catch (TargetInvocationException e) { throw e.InnerException!; }
        }, "a timer callback that throws crashes the process");
    }
}

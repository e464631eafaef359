using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Sync;

/// <summary>CONDSTORE (RFC 7162): MODSEQ, CHANGEDSINCE, UNCHANGEDSINCE with MODIFIED, HIGHESTMODSEQ, NOMODSEQ, VANISHED.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class CondstoreTests(Delivery delivery)
{
    private const string Capabilities = "IMAP4rev1 CONDSTORE";

    [Test]
    public async Task SELECT_with_CONDSTORE_reports_HIGHESTMODSEQ_and_later_changes_move_it()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync($"* PREAUTH [CAPABILITY {Capabilities}] ready\r\n");
        var selecting = imap.SelectAsync("INBOX", new SelectOptions { Condstore = true });
        var tag = await server.ExpectCommandAsync("SELECT INBOX (CONDSTORE)");
        await server.SendAsync($"* 3 EXISTS\r\n* OK [HIGHESTMODSEQ 715194045007] Highest\r\n{tag} OK [READ-WRITE] done\r\n");
        var info = await selecting.WaitAsync(Patience);
        Assert.That(info.HighestModSeq, Is.EqualTo(715194045007UL));

        var noop = imap.NoopAsync();
        tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 2 FETCH (FLAGS (\\Seen) MODSEQ (715194045010))\r\n{tag} OK done\r\n");
        await noop.WaitAsync(Patience);
        Assert.That(imap.SelectedMailbox!.HighestModSeq, Is.EqualTo(715194045010UL));
    }

    [Test]
    public async Task NOMODSEQ_is_reported()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync($"* PREAUTH [CAPABILITY {Capabilities}] ready\r\n");
        var selecting = imap.SelectAsync("INBOX", new SelectOptions { Condstore = true });
        var tag = await server.ExpectCommandAsync("SELECT INBOX (CONDSTORE)");
        await server.SendAsync($"* OK [NOMODSEQ] Sorry\r\n{tag} OK done\r\n");
        var info = await selecting.WaitAsync(Patience);
        Assert.That((info.NoModSeq, info.HighestModSeq), Is.EqualTo((true, (ulong?)null)));
    }

    [Test]
    public async Task FETCH_CHANGEDSINCE_asks_for_changes_only_and_returns_MODSEQ()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Capabilities);
        var fetching = imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags) { ChangedSince = 12345 });
        var tag = await server.ExpectCommandAsync("UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 12345)");
        await server.SendAsync($"* 1 FETCH (UID 4 MODSEQ (65402) FLAGS (\\Seen))\r\n{tag} OK done\r\n");
        var messages = await fetching.WaitAsync(Patience);
        Assert.That(messages.Select(m => (m.Uid, m.ModSeq)), Is.EqualTo(new[] { ((uint?)4, (ulong?)65402) }));
    }

    [Test]
    public async Task STORE_UNCHANGEDSINCE_reports_the_messages_left_alone_as_MODIFIED()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Capabilities);
        var storing = imap.UidStoreAsync(SequenceSet.Parse("1:5"), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), unchangedSince: 320162338);
        var tag = await server.ExpectCommandAsync("UID STORE 1:5 (UNCHANGEDSINCE 320162338) +FLAGS (\\Deleted)");
        await server.SendAsync("* 1 FETCH (UID 1 MODSEQ (320172342) FLAGS (\\Deleted))\r\n* 3 FETCH (UID 3 MODSEQ (320172342) FLAGS (\\Deleted))\r\n" +
                               $"{tag} OK [MODIFIED 2,4:5] Conditional STORE failed\r\n");
        var result = await storing.WaitAsync(Patience);
        Assert.That(result.Updated.Select(m => m.Uid), Is.EqualTo(new uint?[] { 1, 3 }));
        Assert.That(result.Modified!.ToString(), Is.EqualTo("2,4:5"));
    }

    [Test]
    public async Task Without_CONDSTORE_the_modifiers_are_refused_before_sending()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1");
        Assert.That(await CatchAsync(imap.UidStoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Seen), 5)), Is.TypeOf<NotSupportedException>());
        Assert.That(await CatchAsync(imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Flags) { ChangedSince = 5 })), Is.TypeOf<NotSupportedException>());
        Assert.That(await CatchAsync(imap.SelectAsync("INBOX", new SelectOptions { Condstore = true })), Is.TypeOf<NotSupportedException>());
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task An_unsolicited_VANISHED_is_an_event_and_shrinks_the_mailbox()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, Capabilities);
        var vanished = new TaskCompletionSource<MessagesVanishedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        imap.MessagesVanished += (_, e) => vanished.TrySetResult(e);
        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* VANISHED 405,407,410:412\r\n{tag} OK done\r\n");
        await noop.WaitAsync(Patience);

        var e = await vanished.Task.WaitAsync(Patience);
        Assert.That((e.Uids.ToString(), e.Earlier), Is.EqualTo(("405,407,410:412", false)));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(15u), "20 messages, 5 vanished");
    }
}

using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Sync;

/// <summary>QRESYNC (RFC 7162): enabled, SELECT with the known state, UID FETCH with VANISHED.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class QresyncTests(Delivery delivery)
{
    private static async Task<ImapConnection> ConnectEnabledAsync(ScriptedServer server)
    {
        var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC] ready\r\n");
        var enable = imap.EnableAsync("QRESYNC");
        var tag = await server.ExpectCommandAsync("ENABLE QRESYNC");
        await server.SendAsync($"* ENABLED QRESYNC\r\n{tag} OK Enabled\r\n");
        await enable.WaitAsync(Patience);
        return imap;
    }

    [Test]
    public async Task SELECT_with_QRESYNC_returns_what_vanished_and_what_changed_since_the_known_state()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectEnabledAsync(server);

        var selecting = imap.SelectAsync("INBOX", new SelectOptions { Qresync = new QresyncState(67890007, 20050715194045000, SequenceSet.Parse("41:211,214:541")) });
        var tag = await server.ExpectCommandAsync("SELECT INBOX (QRESYNC (67890007 20050715194045000 41:211,214:541))");
        await server.SendAsync("* 314 EXISTS\r\n* OK [UIDVALIDITY 67890007] UIDVALIDITY\r\n* OK [HIGHESTMODSEQ 20050715194045319] Highest\r\n" +
                               "* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n" +
                               "* 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) MODSEQ (20050715194045301))\r\n" +
                               "* 50 FETCH (UID 119 FLAGS (\\Draft $MDNSent) MODSEQ (20050715194045308))\r\n" +
                               $"{tag} OK [READ-WRITE] mailbox selected\r\n");
        var info = await selecting.WaitAsync(Patience);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(info.HighestModSeq, Is.EqualTo(20050715194045319UL));
            Assert.That(info.Changes!.Vanished!.ToString(), Is.EqualTo("41,43:116,118,120:211,214:540"));
            Assert.That(info.Changes.Changed.Select(m => (m.Uid, m.ModSeq)), Is.EqualTo(new (uint?, ulong?)[] { (117, 20050715194045301), (119, 20050715194045308) }));
            Assert.That(info.Exists, Is.EqualTo(314u), "VANISHED (EARLIER) removes nothing now");
        }
    }

    [Test]
    public async Task UID_FETCH_CHANGEDSINCE_with_VANISHED_reports_the_removed_UIDs_with_the_changes()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectEnabledAsync(server);
        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n{tag} OK done\r\n");
        await select.WaitAsync(Patience);

        var fetching = imap.UidFetchChangesAsync(SequenceSet.Parse("300:500"), new FetchRequest(FetchItems.Uid | FetchItems.Flags) { ChangedSince = 12345, Vanished = true });
        tag = await server.ExpectCommandAsync("UID FETCH 300:500 (UID FLAGS) (CHANGEDSINCE 12345 VANISHED)");
        await server.SendAsync("* VANISHED (EARLIER) 300:310,405,411\r\n* 1 FETCH (UID 404 MODSEQ (65402) FLAGS (\\Seen))\r\n" +
                               $"{tag} OK done\r\n");
        var changes = await fetching.WaitAsync(Patience);

        Assert.That(changes.Vanished!.ToString(), Is.EqualTo("300:310,405,411"));
        Assert.That(changes.Changed.Select(m => m.Uid), Is.EqualTo(new uint?[] { 404 }));
    }

    [Test]
    public async Task QRESYNC_parameters_before_ENABLE_are_refused_before_sending()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC] ready\r\n");

        var ex = await CatchAsync(imap.SelectAsync("INBOX", new SelectOptions { Qresync = new QresyncState(1, 2) }));
        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }
}

using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Fetch;

/// <summary>
/// Expunges reported before a command's completion: its result holds no expunged message, and the other messages'
/// sequence numbers are those of the server after the expunges.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ExpungeDuringFetchTests(Delivery delivery)
{
    [Test]
    public async Task EXPUNGE_during_UID_FETCH_drops_the_expunged_message_and_renumbers_the_rest()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.UidFetchAsync(SequenceSet.Range(1, 6), new FetchRequest(FetchItems.Uid | FetchItems.InternalDate | FetchItems.Envelope));
        var tag = await server.ExpectCommandAsync("UID FETCH 1:6 (UID INTERNALDATE ENVELOPE)");
        var lines = string.Concat(Enumerable.Range(1, 5).Select(n =>
            $"* {n} FETCH (UID {n} INTERNALDATE \"01-Jan-2024 10:00:00 +0000\" ENVELOPE (NIL \"m{n}\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n"));
        await server.SendAsync(lines + $"* 2 EXPUNGE\r\n* 5 EXPUNGE\r\n* 4 EXISTS\r\n{tag} OK FETCH completed.\r\n");
        var messages = await fetch.WaitAsync(Patience);

        // UID 2 was message 2; after it went, the message at 5 was the sixth, which this FETCH did not return.
        Assert.That(messages.Select(m => (m.Uid, m.SequenceNumber)),
            Is.EqualTo(new (uint?, uint)[] { (1, 1), (3, 2), (4, 3), (5, 4) }));
        Assert.That(messages.Select(m => m.Envelope!.Subject), Is.EqualTo(new[] { "m1", "m3", "m4", "m5" }));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(4u));

        // A STORE by the numbers of the result reaches the messages it named.
        var store = imap.StoreAsync(SequenceSet.Single(messages[1].SequenceNumber), StoreAction.Add, new MessageFlags(SystemFlags.Seen));
        tag = await server.ExpectCommandAsync("STORE 2 +FLAGS (\\Seen)");
        await server.SendAsync($"* 2 FETCH (FLAGS (\\Seen))\r\n{tag} OK STORE completed\r\n");
        Assert.That((await store.WaitAsync(Patience)).Single().SequenceNumber, Is.EqualTo(2u));
    }

    [Test]
    public async Task An_EXPUNGE_before_a_message_arrives_leaves_its_number_as_the_server_sent_it()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var store = imap.UidStoreAsync(SequenceSet.Parse("7,9"), StoreAction.Add, new MessageFlags(SystemFlags.Flagged));
        var tag = await server.ExpectCommandAsync("UID STORE 7,9 +FLAGS (\\Flagged)");
        await server.SendAsync($"* 3 FETCH (UID 7 FLAGS (\\Flagged))\r\n* 1 EXPUNGE\r\n* 4 FETCH (UID 9 FLAGS (\\Flagged))\r\n* 4 EXPUNGE\r\n{tag} OK STORE completed\r\n");
        var changed = await store.WaitAsync(Patience);

        // 1 EXPUNGE moved UID 7 from 3 to 2; UID 9 came as 4 (already after it) and then went itself.
        Assert.That(changed.Select(m => (m.Uid, m.SequenceNumber)), Is.EqualTo(new (uint?, uint)[] { (7, 2) }));
    }

    [Test]
    public async Task VANISHED_during_UID_FETCH_under_QRESYNC_drops_the_vanished_and_renumbers_by_UIDs_below()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC] ready\r\n");
        var enable = imap.EnableAsync("QRESYNC");
        var tag = await server.ExpectCommandAsync("ENABLE QRESYNC");
        await server.SendAsync($"* ENABLED QRESYNC\r\n{tag} OK Enabled\r\n");
        await enable.WaitAsync(Patience);
        var select = imap.SelectAsync("INBOX");
        tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 4 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-WRITE] done\r\n");
        await select.WaitAsync(Patience);

        // The mailbox holds UIDs 5, 10, 11, 12 as messages 1 to 4.
        var fetch = imap.UidFetchAsync(SequenceSet.Range(10, uint.MaxValue), new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        tag = await server.ExpectCommandAsync("UID FETCH 10:* (UID FLAGS)");
        await server.SendAsync("* 2 FETCH (UID 10 FLAGS ())\r\n* 3 FETCH (UID 11 FLAGS ())\r\n* 4 FETCH (UID 12 FLAGS ())\r\n" +
                               $"* VANISHED 5,11\r\n{tag} OK FETCH completed\r\n");
        var messages = await fetch.WaitAsync(Patience);

        Assert.That(messages.Select(m => (m.Uid, m.SequenceNumber)), Is.EqualTo(new (uint?, uint)[] { (10, 1), (12, 2) }));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(2u));
    }
}

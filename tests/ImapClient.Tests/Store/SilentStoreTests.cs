using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Store;

/// <summary>STORE with .SILENT: the result holds what the server reported anyway, as docs/flags.md says.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class SilentStoreTests(Delivery delivery)
{
    [Test]
    public async Task A_silent_UID_STORE_answered_with_FETCH_lines_returns_the_messages_reported_with_FLAGS()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 CONDSTORE");
        var flagsChanged = new EventQueue<FlagsChangedEventArgs>();
        imap.FlagsChanged += flagsChanged.Handler;
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var store = imap.UidStoreAsync(SequenceSet.Parse("5:6"), StoreAction.Add, new MessageFlags(SystemFlags.Seen), silent: true);
        var tag = await server.ExpectCommandAsync("UID STORE 5:6 +FLAGS.SILENT (\\Seen)");
        await server.SendAsync($"* 3 FETCH (UID 5 FLAGS (\\Seen) MODSEQ (12))\r\n* 4 FETCH (UID 6 MODSEQ (13))\r\n{tag} OK STORE completed\r\n");
        var result = await store.WaitAsync(Patience);

        var only = result.Single();
        Assert.That((only.Uid, only.SequenceNumber, only.Flags!.Contains(SystemFlags.Seen), only.ModSeq), Is.EqualTo(((uint?)5, 3u, true, (ulong?)12)));

        // The line without FLAGS is no result: it arrives as an untagged response, and is no flag change.
        var other = (ImapFetchResponse)(await untagged.NextAsync()).Response;
        Assert.That((other.Message.Uid, other.Message.ModSeq), Is.EqualTo(((uint?)6, (ulong?)13)));
        Assert.That(flagsChanged.Drain(), Is.Empty);
    }

    [Test]
    public async Task A_silent_STORE_answered_with_nothing_returns_an_empty_list()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var store = imap.StoreAsync(SequenceSet.Range(1, 3), StoreAction.Remove, new MessageFlags(SystemFlags.Flagged), silent: true);
        var tag = await server.ExpectCommandAsync("STORE 1:3 -FLAGS.SILENT (\\Flagged)");
        await server.SendAsync($"{tag} OK STORE completed\r\n");
        Assert.That(await store.WaitAsync(Patience), Is.Empty);
    }
}

using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Commands;

/// <summary>
/// An empty set (an empty search result passed on) is a value: every command given one completes at once with an
/// empty result and writes nothing, not even a tag.
/// </summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class EmptySetTests(Delivery delivery)
{
    private static readonly MessageFlags Seen = new(SystemFlags.Seen);

    [Test]
    public async Task FETCH_STORE_COPY_MOVE_and_UID_EXPUNGE_of_an_empty_set_complete_at_once_and_send_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS MOVE CONDSTORE");
        var none = SequenceSet.Of([]);
        var request = new FetchRequest(FetchItems.Uid | FetchItems.Envelope);

        Assert.That(await imap.FetchAsync(none, request).WaitAsync(Patience), Is.Empty);
        Assert.That(await imap.UidFetchAsync(none, request).WaitAsync(Patience), Is.Empty);
        Assert.That(await imap.StoreAsync(none, StoreAction.Add, Seen).WaitAsync(Patience), Is.Empty);
        Assert.That(await imap.UidStoreAsync(none, StoreAction.Add, Seen, silent: true).WaitAsync(Patience), Is.Empty);
        var conditional = await imap.UidStoreAsync(none, StoreAction.Add, Seen, unchangedSince: 5).WaitAsync(Patience);
        Assert.That((conditional.Updated.Count, conditional.Modified), Is.EqualTo((0, (SequenceSet?)null)));
        var changes = await imap.UidFetchChangesAsync(none, new FetchRequest(FetchItems.Flags) { ChangedSince = 5 }).WaitAsync(Patience);
        Assert.That(changes.Changed, Is.Empty);

        var copy = await imap.UidCopyAsync(none, "Archive").WaitAsync(Patience);
        Assert.That(copy.SourceUids, Is.Null);
        Assert.That((await imap.CopyAsync(none, "Archive").WaitAsync(Patience)).DestinationUids, Is.Null);
        var move = await imap.UidMoveAsync(none, "Archive").WaitAsync(Patience);
        Assert.That((move.ExpungedSequenceNumbers.Count, move.OriginalsMarkedDeleted), Is.EqualTo((0, false)));
        Assert.That((await imap.MoveAsync(none, "Archive").WaitAsync(Patience)).ExpungedSequenceNumbers, Is.Empty);
        Assert.That((await imap.UidExpungeAsync(none).WaitAsync(Patience)).SequenceNumbers, Is.Empty);

        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task A_move_of_an_empty_set_without_MOVE_sends_nothing_not_even_the_plain_EXPUNGE()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var move = await imap.UidMoveAsync(SequenceSet.Empty, "Archive", allowPlainExpunge: true).WaitAsync(Patience);
        Assert.That((move.ExpungedSequenceNumbers.Count, move.OriginalsMarkedDeleted), Is.EqualTo((0, false)));
        Assert.That((await imap.MoveAsync(SequenceSet.Empty, "Archive", allowPlainExpunge: true).WaitAsync(Patience)).ExpungedSequenceNumbers, Is.Empty);

        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task MOVE_and_UID_EXPUNGE_of_an_empty_set_ask_for_no_capabilities_and_are_not_refused_for_them()
    {
        await using var server = new ScriptedServer(delivery);

        // A greeting without capabilities: any capability check would have to send CAPABILITY first.
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n{tag} OK [READ-WRITE] done\r\n");
        await select.WaitAsync(Patience);

        var move = await imap.UidMoveAsync(SequenceSet.Empty, "Archive", allowPlainExpunge: true).WaitAsync(Patience);
        Assert.That((move.ExpungedSequenceNumbers.Count, move.OriginalsMarkedDeleted), Is.EqualTo((0, false)));
        Assert.That((await imap.MoveAsync(SequenceSet.Empty, "Archive").WaitAsync(Patience)).ExpungedSequenceNumbers, Is.Empty);
        Assert.That((await imap.UidExpungeAsync(SequenceSet.Empty).WaitAsync(Patience)).SequenceNumbers, Is.Empty);

        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task A_streamed_fetch_of_an_empty_set_yields_nothing_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var request = new FetchRequest(FetchItems.Uid).AddBodySection("");

        var bodies = 0;
        await foreach (var body in imap.UidFetchStreamAsync(SequenceSet.Empty, request).WithCancellation(default))
        {
            bodies++;
        }

        await foreach (var body in imap.FetchStreamAsync(SequenceSet.Of([]), request))
        {
            bodies++;
        }

        Assert.That(bodies, Is.Zero);
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task A_search_that_needs_a_message_of_an_empty_set_completes_empty_and_one_that_does_not_is_sent_with_NOT_ALL()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 ESEARCH SEARCHRES");

        Assert.That(await imap.UidSearchAsync(SearchQuery.Uids(SequenceSet.Empty)).WaitAsync(Patience), Is.Empty);
        Assert.That(await imap.SearchAsync(SearchQuery.AllOf(SearchQuery.Unseen, SearchQuery.Messages(SequenceSet.Empty))).WaitAsync(Patience), Is.Empty);
        var counted = await imap.UidSearchAsync(SearchQuery.Uids(SequenceSet.Empty), SearchReturnOptions.Count).WaitAsync(Patience);
        Assert.That((counted.Count, counted.Min), Is.EqualTo(((uint?)0, (uint?)null)));
        await AssertNothingWasSentAsync(server, imap, "A0002");

        // Where an empty set need not hold, the search goes out; NOT ALL stands for it (it matches nothing either).
        var either = imap.UidSearchAsync(SearchQuery.AnyOf(SearchQuery.Uids(SequenceSet.Empty), SearchQuery.Flagged));
        var tag = await server.ExpectCommandAsync("UID SEARCH OR NOT ALL FLAGGED");
        await server.SendAsync($"* SEARCH 4\r\n{tag} OK done\r\n");
        Assert.That(await either.WaitAsync(Patience), Is.EqualTo(new uint[] { 4 }));

        // SAVE replaces the result kept on the server, so it is sent even for nothing.
        var save = imap.SearchAsync(SearchQuery.Messages(SequenceSet.Empty), SearchReturnOptions.Save);
        tag = await server.ExpectCommandAsync("SEARCH RETURN (SAVE) NOT ALL");
        await server.SendAsync($"{tag} OK saved\r\n");
        await save.WaitAsync(Patience);
    }

    [Test]
    public async Task An_empty_set_without_a_selected_mailbox_is_still_refused()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        Assert.That(await CatchAsync(imap.UidFetchAsync(SequenceSet.Empty, new FetchRequest(FetchItems.Flags))), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.StoreAsync(SequenceSet.Empty, StoreAction.Add, Seen)), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }
    [Test]
    public async Task An_empty_set_queued_behind_the_SELECT_that_makes_it_allowed_is_still_not_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        // Called before the SELECT completes: refused nowhere, it waits for the SELECT and must then complete unsent.
        var select = imap.SelectAsync("INBOX");
        var fetch = imap.FetchAsync(SequenceSet.Empty, new FetchRequest(FetchItems.Flags));
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-WRITE] SELECT completed\r\n");
        await select.WaitAsync(Patience);

        Assert.That(await fetch.WaitAsync(Patience), Is.Empty);
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task An_empty_STORE_called_while_examined_and_queued_behind_a_SELECT_is_not_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");
        var examine = imap.ExamineAsync("INBOX");
        var tag = await server.ExpectCommandAsync("EXAMINE INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-ONLY] EXAMINE completed\r\n");
        await examine.WaitAsync(Patience);

        // The NOOP in flight holds the SELECT back, so the mailbox is still the examined one when STORE is called.
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        var select = imap.SelectAsync("INBOX");
        var store = imap.StoreAsync(SequenceSet.Empty, StoreAction.Add, Seen);
        await server.SendAsync($"{noopTag} OK done\r\n");
        await noop.WaitAsync(Patience);
        tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 20 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n{tag} OK [READ-WRITE] SELECT completed\r\n");
        await select.WaitAsync(Patience);

        Assert.That(await store.WaitAsync(Patience), Is.Empty);
        await AssertNothingWasSentAsync(server, imap, "A0004");
    }
}

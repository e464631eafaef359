using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Transfer;

/// <summary>MOVE and UID MOVE (RFC 6851), and the fallback for servers without MOVE: copy, mark deleted, expunge.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class MoveTests(Delivery delivery)
{
    [Test]
    public async Task MOVE_takes_the_untagged_COPYUID_and_the_expunges_and_the_mailbox_shrinks()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 MOVE UIDPLUS");
        var expunged = new EventQueue<MessageExpungedEventArgs>();
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.MessageExpunged += expunged.Handler;
        imap.UntaggedResponse += untagged.Handler;

        var move = imap.MoveAsync(SequenceSet.Range(1, 3), "Papierkorb");
        var tag = await server.ExpectCommandAsync("MOVE 1:3 Papierkorb");
        await server.SendAsync($"* OK [COPYUID 432 10:12 100:102] Moved UIDs.\r\n* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n{tag} OK Move completed\r\n");
        var result = await move.WaitAsync(Patience);

        Assert.That(result.UidValidity, Is.EqualTo(432u));
        Assert.That(result.UidMap.ToList(), Is.EqualTo(new KeyValuePair<uint, uint>[] { new(10, 100), new(11, 101), new(12, 102) }));
        Assert.That(result.ExpungedSequenceNumbers, Is.EqualTo(new uint[] { 1, 1, 1 }));
        Assert.That(result.OriginalsMarkedDeleted, Is.False);
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(17u));

        // What the MOVE claimed is its result, not events; an expunge that arrives later is an event again.
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 4 EXPUNGE\r\n{noopTag} OK done\r\n");
        await noop.WaitAsync(Patience);
        Assert.That((await expunged.NextAsync()).SequenceNumber, Is.EqualTo(4u));
        Assert.That(expunged.Drain(), Is.Empty);
        Assert.That(untagged.Drain().Select(e => e.Response.GetType()), Is.EqualTo(new[] { typeof(ImapExpungeResponse) }));
    }

    [Test]
    public async Task UID_MOVE_accepts_COPYUID_in_the_tagged_OK()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev2");

        var move = imap.UidMoveAsync(SequenceSet.Parse("7,9"), "Архив");
        var tag = await server.ExpectCommandAsync("UID MOVE 7,9 &BBAEQARFBDgEMg-");
        await server.SendAsync($"* 2 EXPUNGE\r\n* 3 EXPUNGE\r\n{tag} OK [COPYUID 5 7,9 1:2] Done\r\n");
        var result = await move.WaitAsync(Patience);

        Assert.That(result.UidMap.ToList(), Is.EqualTo(new KeyValuePair<uint, uint>[] { new(7, 1), new(9, 2) }));
        Assert.That(result.ExpungedSequenceNumbers, Is.EqualTo(new uint[] { 2, 3 }));
    }

    [Test]
    public async Task A_refused_MOVE_carries_the_servers_words()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 MOVE");

        var move = imap.UidMoveAsync(SequenceSet.Single(1), "X");
        var tag = await server.ExpectCommandAsync("UID MOVE 1 X");
        await server.SendAsync($"{tag} NO [TRYCREATE] No such mailbox\r\n");
        var ex = (ImapCommandException?)await CatchAsync(move);
        Assert.That((ex!.CommandName, ex.ResponseCode?.Kind, ex.ResponseText), Is.EqualTo(("UID MOVE", ImapResponseCodeKind.TryCreate, "No such mailbox")));
    }

    [Test]
    public async Task Without_MOVE_a_move_by_number_fetches_the_UIDs_then_copies_deletes_and_expunges_those_UIDs()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var move = imap.MoveAsync(SequenceSet.Range(2, 3), "Trash");
        var tag = await server.ExpectCommandAsync("FETCH 2:3 UID");
        await server.SendAsync($"* 2 FETCH (UID 12)\r\n* 3 FETCH (UID 14)\r\n{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID COPY 12,14 Trash");
        await server.SendAsync($"{tag} OK [COPYUID 5 12,14 50:51] done\r\n");
        tag = await server.ExpectCommandAsync("UID STORE 12,14 +FLAGS.SILENT (\\Deleted)");
        await server.SendAsync($"{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID EXPUNGE 12,14");
        await server.SendAsync($"* 2 EXPUNGE\r\n* 2 EXPUNGE\r\n{tag} OK done\r\n");
        var result = await move.WaitAsync(Patience);

        Assert.That(result.UidMap.ToList(), Is.EqualTo(new KeyValuePair<uint, uint>[] { new(12, 50), new(14, 51) }));
        Assert.That((result.ExpungedSequenceNumbers, result.OriginalsMarkedDeleted), Is.EqualTo((new uint[] { 2, 2 }, false)));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(18u));
    }

    [Test]
    public async Task Without_MOVE_only_the_UIDs_COPYUID_names_are_deleted()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var move = imap.UidMoveAsync(SequenceSet.Range(10, 20), "Trash");
        var tag = await server.ExpectCommandAsync("UID COPY 10:20 Trash");
        await server.SendAsync($"{tag} OK [COPYUID 5 11,13 1:2] done\r\n");
        tag = await server.ExpectCommandAsync("UID STORE 11,13 +FLAGS.SILENT (\\Deleted)");
        await server.SendAsync($"{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID EXPUNGE 11,13");
        await server.SendAsync($"* 4 EXPUNGE\r\n* 5 EXPUNGE\r\n{tag} OK done\r\n");
        Assert.That((await move.WaitAsync(Patience)).ExpungedSequenceNumbers, Is.EqualTo(new uint[] { 4, 5 }));
    }

    [Test]
    public async Task Without_MOVE_a_UID_set_with_a_star_is_resolved_first_so_a_message_arriving_meanwhile_is_not_deleted()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var move = imap.UidMoveAsync(SequenceSet.Range(30, uint.MaxValue), "Trash");
        var tag = await server.ExpectCommandAsync("UID FETCH 30:* UID");
        await server.SendAsync($"* 19 FETCH (UID 30)\r\n* 20 FETCH (UID 31)\r\n{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID COPY 30:31 Trash");
        await server.SendAsync($"* 21 EXISTS\r\n{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID STORE 30:31 +FLAGS.SILENT (\\Deleted)");
        await server.SendAsync($"{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID EXPUNGE 30:31");
        await server.SendAsync($"* 19 EXPUNGE\r\n* 19 EXPUNGE\r\n{tag} OK done\r\n");
        var result = await move.WaitAsync(Patience);

        Assert.That((result.UidValidity, result.UidMap.Count), Is.EqualTo(((uint?)null, 0)), "no COPYUID, no map");
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(19u));
    }

    [Test]
    public async Task Without_MOVE_and_UIDPLUS_the_originals_stay_marked_deleted_unless_a_plain_EXPUNGE_is_allowed()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var move = imap.UidMoveAsync(SequenceSet.Parse("7,9"), "Trash");
        var tag = await server.ExpectCommandAsync("UID COPY 7,9 Trash");
        await server.SendAsync($"{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID STORE 7,9 +FLAGS.SILENT (\\Deleted)");
        await server.SendAsync($"{tag} OK done\r\n");
        var kept = await move.WaitAsync(Patience);
        Assert.That((kept.OriginalsMarkedDeleted, kept.ExpungedSequenceNumbers.Count), Is.EqualTo((true, 0)));
        await AssertNothingWasSentAsync(server, imap, "A0004");

        move = imap.UidMoveAsync(SequenceSet.Parse("7,9"), "Trash", allowPlainExpunge: true);
        tag = await server.ExpectCommandAsync("UID COPY 7,9 Trash");
        await server.SendAsync($"{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID STORE 7,9 +FLAGS.SILENT (\\Deleted)");
        await server.SendAsync($"{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("EXPUNGE");
        await server.SendAsync($"* 3 EXPUNGE\r\n* 3 EXPUNGE\r\n* 8 EXPUNGE\r\n{tag} OK done\r\n");
        var expunged = await move.WaitAsync(Patience);
        Assert.That((expunged.OriginalsMarkedDeleted, expunged.ExpungedSequenceNumbers), Is.EqualTo((false, new uint[] { 3, 3, 8 })));
    }

    [Test]
    public async Task Without_MOVE_a_failed_step_stops_the_move_with_the_servers_words()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var move = imap.UidMoveAsync(SequenceSet.Single(7), "Trash");
        var tag = await server.ExpectCommandAsync("UID COPY 7 Trash");
        await server.SendAsync($"{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID STORE 7 +FLAGS.SILENT (\\Deleted)");
        await server.SendAsync($"{tag} NO [SERVERBUG] Flags not stored\r\n");
        var ex = (ImapCommandException?)await CatchAsync(move);
        Assert.That((ex!.CommandName, ex.ResponseText), Is.EqualTo(("UID STORE", "Flags not stored")));
        await AssertNothingWasSentAsync(server, imap, "A0004");
    }

    [Test]
    public async Task Without_MOVE_a_read_only_mailbox_is_refused_before_anything_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 UIDPLUS] ready\r\n");
        var examine = imap.ExamineAsync("INBOX");
        var tag = await server.ExpectCommandAsync("EXAMINE INBOX");
        await server.SendAsync($"* 3 EXISTS\r\n{tag} OK [READ-ONLY] done\r\n");
        await examine.WaitAsync(Patience);

        var ex = await CatchAsync(imap.UidMoveAsync(SequenceSet.Single(1), "Trash"));
        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex!.Message, Does.Contain("read-only"));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task Without_MOVE_a_set_that_matches_no_message_moves_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var move = imap.UidMoveAsync(SequenceSet.Range(500, uint.MaxValue), "Trash");
        var tag = await server.ExpectCommandAsync("UID FETCH 500:* UID");
        await server.SendAsync($"{tag} OK done\r\n");
        var result = await move.WaitAsync(Patience);
        Assert.That((result.UidMap.Count, result.ExpungedSequenceNumbers.Count, result.OriginalsMarkedDeleted), Is.EqualTo((0, 0, false)));
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    [Test]
    public async Task Capabilities_are_asked_for_once_when_unknown()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync($"* 3 EXISTS\r\n{tag} OK [READ-WRITE] done\r\n");
        await select.WaitAsync(Patience);

        var move = imap.UidMoveAsync(SequenceSet.Single(1), "Trash");
        tag = await server.ExpectCommandAsync("CAPABILITY");
        await server.SendAsync($"* CAPABILITY IMAP4rev1 MOVE\r\n{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("UID MOVE 1 Trash");
        await server.SendAsync($"* 1 EXPUNGE\r\n{tag} OK done\r\n");
        Assert.That((await move.WaitAsync(Patience)).ExpungedSequenceNumbers, Is.EqualTo(new uint[] { 1 }));
    }

    [Test]
    public async Task Two_moves_never_run_side_by_side_since_their_expunges_name_no_command()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 MOVE");

        var first = imap.UidMoveAsync(SequenceSet.Single(1), "A");
        var firstTag = await server.ExpectCommandAsync("UID MOVE 1 A");
        var second = imap.UidMoveAsync(SequenceSet.Single(2), "B");
        var next = await AssertClientSilentAsync(server, "the second MOVE waits for the first");
        await server.SendAsync($"* 1 EXPUNGE\r\n{firstTag} OK done\r\n");
        Assert.That((await first.WaitAsync(Patience)).ExpungedSequenceNumbers, Is.EqualTo(new uint[] { 1 }));

        var (secondTag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("UID MOVE 2 B"));
        await server.SendAsync($"* 1 EXPUNGE\r\n{secondTag} OK done\r\n");
        Assert.That((await second.WaitAsync(Patience)).ExpungedSequenceNumbers, Is.EqualTo(new uint[] { 1 }));
    }

    [Test]
    public async Task A_MOVE_by_number_waits_for_a_UID_FETCH_and_a_FETCH_by_number_waits_for_a_UID_MOVE()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 MOVE");

        var fetch = imap.UidFetchAsync(SequenceSet.Single(100), new FetchRequest(FetchItems.Flags));
        var move = imap.MoveAsync(SequenceSet.Single(1), "A");
        var fetchTag = await server.ExpectCommandAsync("UID FETCH 100 FLAGS");
        var next = await AssertClientSilentAsync(server, "MOVE by number waits while EXPUNGE may arrive");
        await server.SendAsync($"{fetchTag} OK done\r\n");
        var (moveTag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("MOVE 1 A"));

        var byNumber = imap.FetchAsync(SequenceSet.Single(2), new FetchRequest(FetchItems.Flags));
        next = await AssertClientSilentAsync(server, "a FETCH by number waits for the MOVE's expunges");
        await server.SendAsync($"* 1 EXPUNGE\r\n{moveTag} OK done\r\n");
        await move.WaitAsync(Patience);
        var (fetch2Tag, fetchCommand) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(fetchCommand, Is.EqualTo("FETCH 2 FLAGS"));
        await server.SendAsync($"{fetch2Tag} OK done\r\n");
        await Task.WhenAll(fetch, byNumber).WaitAsync(Patience);
    }
}

using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Transfer;

/// <summary>COPY and UID COPY: the command written, COPYUID (RFC 4315) read into a source-to-destination map.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class CopyTests(Delivery delivery)
{
    [Test]
    public async Task COPY_maps_the_COPYUID_ranges_pair_by_pair_in_the_servers_order()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var copy = imap.CopyAsync(SequenceSet.Range(2, 4), "Archiv");
        var tag = await server.ExpectCommandAsync("COPY 2:4 Archiv");
        await server.SendAsync($"{tag} OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n");
        var result = await copy.WaitAsync(Patience);

        Assert.That(result.UidValidity, Is.EqualTo(38505u));
        Assert.That(result.SourceUids!.ToString(), Is.EqualTo("304,319:320"));
        Assert.That(result.DestinationUids!.ToString(), Is.EqualTo("3956:3958"));
        Assert.That(result.UidMap.ToList(), Is.EqualTo(new KeyValuePair<uint, uint>[] { new(304, 3956), new(319, 3957), new(320, 3958) }));
        Assert.That((result.UidMap.Count, result.UidMap[319], result.UidMap.ContainsKey(305)), Is.EqualTo((3, 3957u, false)));
        Assert.That(result.UidMap.Keys, Is.EqualTo(new uint[] { 304, 319, 320 }));
        Assert.That(result.UidMap.Values, Is.EqualTo(new uint[] { 3956, 3957, 3958 }));
        Assert.Throws<KeyNotFoundException>(() => _ = result.UidMap[1]);
    }

    [Test]
    public async Task Reversed_ranges_mean_the_same_as_ascending_ones()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var copy = imap.UidCopyAsync(SequenceSet.Parse("3:5,9"), "Archiv");
        var tag = await server.ExpectCommandAsync("UID COPY 3:5,9 Archiv");
        await server.SendAsync($"{tag} OK [COPYUID 7 5:3,9 20,12:10] Done\r\n");
        var result = await copy.WaitAsync(Patience);

        Assert.That(result.UidMap.ToList(), Is.EqualTo(new KeyValuePair<uint, uint>[] { new(3, 20), new(4, 10), new(5, 11), new(9, 12) }));
    }

    [Test]
    public async Task A_huge_COPYUID_range_is_neither_expanded_nor_refused()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var copy = imap.UidCopyAsync(SequenceSet.Range(1, uint.MaxValue), "Archiv");
        var tag = await server.ExpectCommandAsync("UID COPY 1:* Archiv");
        await server.SendAsync($"{tag} OK [COPYUID 7 1:2000000000 2000000001:4000000000] Done\r\n");
        var result = await copy.WaitAsync(Patience);

        Assert.That((result.UidMap.Count, result.UidMap[1999999999]), Is.EqualTo((2000000000, 3999999999u)));
    }

    [TestCase("")]
    [TestCase(" [COPYUID 7 1:3 10:11]")]
    [TestCase(" [COPYUID 7 1:* 10:12]")]
    [TestCase(" [COPYUID x 1 2]")]
    [TestCase(" [COPYUID 7 1,0 2,3]")]
    [TestCase(" [COPYUID 7 1]")]
    [TestCase(" [APPENDUID 7 1]")]
    public async Task Without_a_valid_COPYUID_the_copy_still_succeeds_with_no_UIDs(string code)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var copy = imap.UidCopyAsync(SequenceSet.Range(1, 3), "Entwürfe & Co");
        var tag = await server.ExpectCommandAsync("UID COPY 1:3 \"Entw&APw-rfe &- Co\"");
        await server.SendAsync($"{tag} OK{code} Copy completed\r\n");
        var result = await copy.WaitAsync(Patience);

        Assert.That((result.UidValidity, result.SourceUids, result.DestinationUids), Is.EqualTo(((uint?)null, (SequenceSet?)null, (SequenceSet?)null)));
        Assert.That(result.UidMap, Is.Empty);
    }

    [Test]
    public async Task A_refused_COPY_carries_the_servers_code_and_text()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var copy = imap.CopyAsync(SequenceSet.Single(1), "Nirgendwo");
        var tag = await server.ExpectCommandAsync("COPY 1 Nirgendwo");
        await server.SendAsync($"{tag} NO [TRYCREATE] Mailbox doesn't exist: Nirgendwo\r\n");
        var ex = (ImapCommandException?)await CatchAsync(copy);

        Assert.That((ex!.CommandName, ex.ResponseCode?.Kind, ex.ResponseText),
            Is.EqualTo(("COPY", ImapResponseCodeKind.TryCreate, "Mailbox doesn't exist: Nirgendwo")));
    }

    [Test]
    public async Task Copy_move_and_expunge_without_a_selected_mailbox_throw_and_send_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 MOVE UIDPLUS] ready\r\n");

        Assert.That(await CatchAsync(imap.CopyAsync(SequenceSet.Single(1), "A")), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.UidCopyAsync(SequenceSet.Single(1), "A")), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.MoveAsync(SequenceSet.Single(1), "A")), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.UidMoveAsync(SequenceSet.Single(1), "A")), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.ExpungeAsync()), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.UidExpungeAsync(SequenceSet.Single(1))), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task A_UID_COPY_runs_beside_a_UID_FETCH_but_a_COPY_by_number_waits_for_it()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.UidFetchAsync(SequenceSet.Single(100), new FetchRequest(FetchItems.Flags));
        var uidCopy = imap.UidCopyAsync(SequenceSet.Single(100), "A");
        var copy = imap.CopyAsync(SequenceSet.Single(1), "B");
        var fetchTag = await server.ExpectCommandAsync("UID FETCH 100 FLAGS");
        var uidCopyTag = await server.ExpectCommandAsync("UID COPY 100 A");

        var next = await AssertClientSilentAsync(server, "COPY by number must wait for commands during which EXPUNGE may arrive");
        await server.SendAsync($"{uidCopyTag} OK done\r\n{fetchTag} OK done\r\n");
        await Task.WhenAll(fetch, uidCopy).WaitAsync(Patience);
        var (copyTag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("COPY 1 B"));
        await server.SendAsync($"{copyTag} OK done\r\n");
        await copy.WaitAsync(Patience);
    }
}

using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Store;

/// <summary>EXPUNGE and UID EXPUNGE (UIDPLUS): the numbers reported, the mailbox state, and what may run beside them.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ExpungeTests(Delivery delivery)
{
    [Test]
    public async Task EXPUNGE_returns_the_reported_numbers_in_order_and_the_mailbox_shrinks_without_events()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var expunged = new EventQueue<MessageExpungedEventArgs>();
        imap.MessageExpunged += expunged.Handler;

        var expunge = imap.ExpungeAsync();
        var tag = await server.ExpectCommandAsync("EXPUNGE");
        await server.SendAsync($"* 3 EXPUNGE\r\n* 3 EXPUNGE\r\n* 5 EXPUNGE\r\n* 8 FETCH (FLAGS (\\Seen))\r\n{tag} OK Expunge completed\r\n");
        var result = await expunge.WaitAsync(Patience);

        Assert.That(result.SequenceNumbers, Is.EqualTo(new uint[] { 3, 3, 5 }));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(17u));
        await AssertNothingWasSentAsync(server, imap, "A0003");
        Assert.That(expunged.Drain(), Is.Empty);
    }

    [Test]
    public async Task EXPUNGE_with_nothing_to_remove_returns_an_empty_list()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var expunge = imap.ExpungeAsync();
        var tag = await server.ExpectCommandAsync("EXPUNGE");
        await server.SendAsync($"{tag} OK Expunge completed\r\n");
        Assert.That((await expunge.WaitAsync(Patience)).SequenceNumbers, Is.Empty);
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(20u));
    }

    [TestCase("IMAP4rev1 UIDPLUS")]
    [TestCase("IMAP4rev2")]
    public async Task UID_EXPUNGE_names_the_UIDs(string capabilities)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, capabilities);

        var expunge = imap.UidExpungeAsync(SequenceSet.Parse("3000:3002,3005"));
        var tag = await server.ExpectCommandAsync("UID EXPUNGE 3000:3002,3005");
        await server.SendAsync($"* 3 EXPUNGE\r\n* 3 EXPUNGE\r\n{tag} OK done\r\n");
        Assert.That((await expunge.WaitAsync(Patience)).SequenceNumbers, Is.EqualTo(new uint[] { 3, 3 }));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(18u));
    }

    [Test]
    public async Task UID_EXPUNGE_without_UIDPLUS_throws_before_anything_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 MOVE");

        var ex = await CatchAsync(imap.UidExpungeAsync(SequenceSet.Single(1)));
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain("UIDPLUS"));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task A_refused_EXPUNGE_carries_the_servers_words()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var expunge = imap.ExpungeAsync();
        var tag = await server.ExpectCommandAsync("EXPUNGE");
        await server.SendAsync($"{tag} NO Mailbox is read-only\r\n");
        var ex = (ImapCommandException?)await CatchAsync(expunge);
        Assert.That((ex!.CommandName, ex.Status, ex.ResponseText), Is.EqualTo(("EXPUNGE", ImapStatus.No, "Mailbox is read-only")));
    }

    [Test]
    public async Task An_EXPUNGE_that_cannot_be_parsed_fails_the_EXPUNGE()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var expunge = imap.ExpungeAsync();
        var tag = await server.ExpectCommandAsync("EXPUNGE");
        await server.SendAsync($"* 3 EXPUNGE junk\r\n{tag} OK done\r\n");
        Assert.That(await CatchAsync(expunge), Is.TypeOf<ImapProtocolException>());
        await AssertNothingWasSentAsync(server, imap, "A0003");
    }

    [Test]
    public async Task EXPUNGE_waits_for_a_FETCH_by_number_and_a_FETCH_by_number_waits_for_EXPUNGE()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);

        var fetch = imap.FetchAsync(SequenceSet.Single(4), new FetchRequest(FetchItems.Flags));
        var expunge = imap.ExpungeAsync();
        var fetchTag = await server.ExpectCommandAsync("FETCH 4 FLAGS");
        var next = await AssertClientSilentAsync(server, "EXPUNGE would renumber the messages the FETCH names");
        await server.SendAsync($"* 4 FETCH (FLAGS ())\r\n{fetchTag} OK done\r\n");
        await fetch.WaitAsync(Patience);
        var (expungeTag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("EXPUNGE"));

        var later = imap.StoreAsync(SequenceSet.Single(4), StoreAction.Add, new MessageFlags(SystemFlags.Seen), silent: true);
        next = await AssertClientSilentAsync(server, "a STORE by number waits for EXPUNGE");
        await server.SendAsync($"* 2 EXPUNGE\r\n{expungeTag} OK done\r\n");
        await expunge.WaitAsync(Patience);
        var (storeTag, store) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(store, Is.EqualTo("STORE 4 +FLAGS.SILENT (\\Seen)"));
        await server.SendAsync($"{storeTag} OK done\r\n");
        await later.WaitAsync(Patience);
    }

    [Test]
    public async Task EXPUNGE_runs_beside_a_UID_FETCH_but_not_beside_another_expunging_command()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 UIDPLUS");

        var fetch = imap.UidFetchAsync(SequenceSet.Single(100), new FetchRequest(FetchItems.Flags));
        var expunge = imap.ExpungeAsync();
        var uidExpunge = imap.UidExpungeAsync(SequenceSet.Single(9));
        var fetchTag = await server.ExpectCommandAsync("UID FETCH 100 FLAGS");
        var expungeTag = await server.ExpectCommandAsync("EXPUNGE");
        var next = await AssertClientSilentAsync(server, "two commands whose expunges name no command cannot share the connection");

        await server.SendAsync($"* 1 EXPUNGE\r\n* 6 FETCH (UID 100 FLAGS ())\r\n{fetchTag} OK done\r\n{expungeTag} OK done\r\n");
        Assert.That((await expunge.WaitAsync(Patience)).SequenceNumbers, Is.EqualTo(new uint[] { 1 }));
        Assert.That((await fetch.WaitAsync(Patience)).Single().Uid, Is.EqualTo(100u));
        var (uidTag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("UID EXPUNGE 9"));
        await server.SendAsync($"{uidTag} OK done\r\n");
        Assert.That((await uidExpunge.WaitAsync(Patience)).SequenceNumbers, Is.Empty);
    }
}

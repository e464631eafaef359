using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Mailboxes;

/// <summary>STATUS transcripts: items written, typed results, capability checks, and routing by mailbox name.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class StatusTests(Delivery delivery)
{
    private const StatusItems Basic = StatusItems.Messages | StatusItems.Recent | StatusItems.UidNext | StatusItems.UidValidity | StatusItems.Unseen;

    [Test]
    public async Task STATUS_writes_the_encoded_name_and_items_and_returns_them_typed()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var status = imap.StatusAsync("Entwürfe", Basic);
        var tag = await server.ExpectCommandAsync("STATUS Entw&APw-rfe (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)");
        await server.SendAsync($"* STATUS \"Entw&APw-rfe\" (MESSAGES 231 RECENT 1 UIDNEXT 44292 UIDVALIDITY 3857529045 UNSEEN 7)\r\n{tag} OK STATUS completed\r\n");
        var result = await status.WaitAsync(Patience);

        Assert.That(result.Mailbox, Is.EqualTo("Entwürfe"));
        Assert.That((result.Messages, result.Recent, result.UidNext, result.UidValidity, result.Unseen),
            Is.EqualTo(((uint?)231, (uint?)1, (uint?)44292, (uint?)3857529045, (uint?)7)));
        Assert.That((result.Size, result.Deleted, result.HighestModSeq), Is.EqualTo(((ulong?)null, (uint?)null, (ulong?)null)));
    }

    [Test]
    public async Task SIZE_DELETED_and_HIGHESTMODSEQ_are_asked_for_where_offered()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev2 CONDSTORE] ready\r\n");

        var status = imap.StatusAsync("Tom & Jerry", StatusItems.Deleted | StatusItems.Size | StatusItems.HighestModSeq);
        var tag = await server.ExpectCommandAsync("STATUS \"Tom &- Jerry\" (DELETED SIZE HIGHESTMODSEQ)");
        await server.SendAsync($"* STATUS \"Tom &- Jerry\" (DELETED 2 SIZE 12345678901 HIGHESTMODSEQ 900)\r\n{tag} OK done\r\n");
        var result = await status.WaitAsync(Patience);
        Assert.That((result.Deleted, result.Size, result.HighestModSeq), Is.EqualTo(((uint?)2, (ulong?)12345678901, (ulong?)900)));
    }

    [TestCase(StatusItems.Size, "STATUS=SIZE")]
    [TestCase(StatusItems.Deleted, "IMAP4rev2")]
    [TestCase(StatusItems.HighestModSeq, "CONDSTORE")]
    public async Task An_item_the_server_does_not_offer_throws_before_anything_is_sent(StatusItems item, string capability)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 LIST-STATUS] ready\r\n");

        var ex = await CatchAsync(imap.StatusAsync("INBOX", StatusItems.Messages | item));
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain(capability));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task RECENT_is_refused_by_an_IMAP4rev2_only_server()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev2] ready\r\n");

        Assert.That(await CatchAsync(imap.StatusAsync("INBOX", StatusItems.Recent)), Is.TypeOf<NotSupportedException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Pipelined_STATUS_commands_each_get_their_own_mailbox_whatever_order_the_answers_come_in()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var first = imap.StatusAsync("Alpha", StatusItems.Messages);
        var firstTag = await server.ExpectCommandAsync("STATUS Alpha (MESSAGES)");
        var second = imap.StatusAsync("Beta", StatusItems.Messages);
        var secondTag = await server.ExpectCommandAsync("STATUS Beta (MESSAGES)");
        await server.SendAsync($"* STATUS Beta (MESSAGES 2)\r\n* STATUS Alpha (MESSAGES 1)\r\n{firstTag} OK done\r\n{secondTag} OK done\r\n");

        Assert.That((await first.WaitAsync(Patience)).Messages, Is.EqualTo(1));
        Assert.That((await second.WaitAsync(Patience)).Messages, Is.EqualTo(2));
    }

    [Test]
    public async Task INBOX_matches_whatever_case_the_caller_or_the_server_spells_it_in()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var status = imap.StatusAsync("inbox", StatusItems.Unseen);
        var tag = await server.ExpectCommandAsync("STATUS inbox (UNSEEN)");
        await server.SendAsync($"* STATUS INBOX (UNSEEN 4)\r\n{tag} OK done\r\n");
        Assert.That((await status.WaitAsync(Patience)).Unseen, Is.EqualTo(4));
    }

    [Test]
    public async Task A_refusal_carries_the_servers_code_and_text()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var status = imap.StatusAsync("Nope", StatusItems.Messages);
        var tag = await server.ExpectCommandAsync("STATUS Nope (MESSAGES)");
        await server.SendAsync($"{tag} NO [NONEXISTENT] Mailbox doesn't exist: Nope\r\n");
        var ex = await CatchAsync(status);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        var failure = (ImapCommandException)ex!;
        Assert.That((failure.Status, failure.ResponseCode?.Name, failure.ResponseText),
            Is.EqualTo((ImapStatus.No, "NONEXISTENT", "Mailbox doesn't exist: Nope")));
    }

    [Test]
    public async Task An_OK_without_STATUS_data_fails_that_call_only()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var status = imap.StatusAsync("Quiet", StatusItems.Messages);
        var tag = await server.ExpectCommandAsync("STATUS Quiet (MESSAGES)");
        await server.SendAsync($"* STATUS Other (MESSAGES 1)\r\n{tag} OK done\r\n");
        var ex = await CatchAsync(status);
        Assert.That(ex, Is.TypeOf<ImapProtocolException>());
        Assert.That(ex!.Message, Does.Contain("Quiet"));
        await AssertNothingWasSentAsync(server, imap, "A0002");
    }

    [Test]
    public async Task STATUS_before_signing_in_or_without_items_throws_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK ready\r\n");

        Assert.That(await CatchAsync(imap.StatusAsync("INBOX", StatusItems.Messages)), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.StatusAsync("INBOX", StatusItems.Size)), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.StatusAsync("INBOX", StatusItems.None)), Is.TypeOf<ArgumentException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task A_STATUS_and_a_LIST_STATUS_do_not_run_side_by_side()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 LIST-EXTENDED LIST-STATUS] ready\r\n");

        var list = imap.ListAsync(new ListRequest { Status = StatusItems.Messages });
        var listTag = await server.ExpectCommandAsync("LIST \"\" * RETURN (STATUS (MESSAGES))");
        var status = imap.StatusAsync("INBOX", StatusItems.Messages);
        var pending = await AssertClientSilentAsync(server, "both would claim * STATUS INBOX");
        await server.SendAsync($"* LIST () \"/\" INBOX\r\n* STATUS INBOX (MESSAGES 5)\r\n{listTag} OK done\r\n");
        Assert.That((await list.WaitAsync(Patience)).Single().Status!.Messages, Is.EqualTo(5));

        var (tag, command) = SplitTag(await pending.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("STATUS INBOX (MESSAGES)"));
        await server.SendAsync($"* STATUS INBOX (MESSAGES 6)\r\n{tag} OK done\r\n");
        Assert.That((await status.WaitAsync(Patience)).Messages, Is.EqualTo(6));
    }
}

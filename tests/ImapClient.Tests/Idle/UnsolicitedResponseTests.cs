using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Idle;

/// <summary>Untagged data no command claims is applied to the mailbox state and raised as events.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class UnsolicitedResponseTests(Delivery delivery)
{
    [Test]
    public async Task EXPUNGE_EXISTS_and_FETCH_FLAGS_during_a_NOOP_raise_their_events_and_update_the_mailbox()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var expunged = new EventQueue<MessageExpungedEventArgs>();
        var sizes = new EventQueue<MailboxSizeChangedEventArgs>();
        var flags = new EventQueue<FlagsChangedEventArgs>();
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.MessageExpunged += expunged.Handler;
        imap.MailboxSizeChanged += sizes.Handler;
        imap.FlagsChanged += flags.Handler;
        imap.UntaggedResponse += untagged.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 3 EXPUNGE\r\n* 19 EXISTS\r\n* 5 FETCH (FLAGS (\\Seen $Work))\r\n{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);

        Assert.That((await expunged.NextAsync()).SequenceNumber, Is.EqualTo(3));
        Assert.That((await sizes.NextAsync()).Exists, Is.EqualTo(19));
        var changed = await flags.NextAsync();
        Assert.That(changed.SequenceNumber, Is.EqualTo(5));
        Assert.That(changed.Uid, Is.Null);
        Assert.That(changed.Flags.System, Is.EqualTo(SystemFlags.Seen));
        Assert.That(changed.Flags.Keywords, Is.EqualTo(new[] { "$Work" }));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(19));

        Assert.That((await untagged.NextAsync()).Response, Is.TypeOf<ImapExpungeResponse>());
        Assert.That((await untagged.NextAsync()).Response, Is.TypeOf<ImapExistsResponse>());
        Assert.That((await untagged.NextAsync()).Response, Is.TypeOf<ImapFetchResponse>());
    }

    [Test]
    public async Task An_EXPUNGE_alone_lowers_the_message_count()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(20));
        var expunged = new EventQueue<MessageExpungedEventArgs>();
        imap.MessageExpunged += expunged.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* 20 EXPUNGE\r\n* 1 EXPUNGE\r\n{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);

        Assert.That((await expunged.NextAsync()).SequenceNumber, Is.EqualTo(20));
        Assert.That((await expunged.NextAsync()).SequenceNumber, Is.EqualTo(1));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(18));
    }

    [Test]
    public async Task Unsolicited_data_between_a_UID_FETCHs_lines_raises_events_and_the_result_holds_only_its_messages()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var expunged = new EventQueue<MessageExpungedEventArgs>();
        var sizes = new EventQueue<MailboxSizeChangedEventArgs>();
        var flags = new EventQueue<FlagsChangedEventArgs>();
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.MessageExpunged += expunged.Handler;
        imap.MailboxSizeChanged += sizes.Handler;
        imap.FlagsChanged += flags.Handler;
        imap.UntaggedResponse += untagged.Handler;

        var fetch = imap.UidFetchAsync(SequenceSet.Range(100, 102), new FetchRequest(FetchItems.Flags));
        var tag = await server.ExpectCommandAsync("UID FETCH 100:102 FLAGS");
        await server.SendAsync(
            "* 1 FETCH (UID 100 FLAGS (\\Seen))\r\n" +
            "* 3 EXPUNGE\r\n" +
            "* 19 EXISTS\r\n" +
            "* 5 FETCH (FLAGS (\\Flagged))\r\n" +
            "* 2 FETCH (UID 102 FLAGS ())\r\n" +
            $"{tag} OK UID FETCH completed\r\n");
        var messages = await fetch.WaitAsync(Patience);

        Assert.That(messages.Select(m => m.Uid), Is.EqualTo(new uint?[] { 100, 102 }));
        Assert.That((await expunged.NextAsync()).SequenceNumber, Is.EqualTo(3));
        Assert.That((await sizes.NextAsync()).Exists, Is.EqualTo(19));
        var changed = await flags.NextAsync();
        Assert.That(changed.SequenceNumber, Is.EqualTo(5));
        Assert.That(changed.Flags.System, Is.EqualTo(SystemFlags.Flagged));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(19));

        // Exactly three responses went unclaimed; a sentinel proves nothing else was raised before it.
        var noop = imap.NoopAsync();
        tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* OK sentinel\r\n{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
        var raised = new List<ImapResponse>();
        while (raised.LastOrDefault() is not ImapStatusResponse { Text: "sentinel" })
        {
            raised.Add((await untagged.NextAsync()).Response);
        }

        Assert.That(raised.Select(r => r.GetType()), Is.EqualTo(new[]
        {
            typeof(ImapExpungeResponse), typeof(ImapExistsResponse), typeof(ImapFetchResponse), typeof(ImapStatusResponse),
        }));
        Assert.That(flags.Drain(), Is.Empty, "the FETCH's own data raised no FlagsChanged");
    }

    [Test]
    public async Task Unsolicited_FETCH_FLAGS_for_a_message_outside_a_FETCHs_set_is_not_merged_into_its_result()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await ConnectSelectedAsync(server);
        var flags = new EventQueue<FlagsChangedEventArgs>();
        var sizes = new EventQueue<MailboxSizeChangedEventArgs>();
        imap.FlagsChanged += flags.Handler;
        imap.MailboxSizeChanged += sizes.Handler;

        var fetch = imap.FetchAsync(SequenceSet.Range(1, 2), new FetchRequest(FetchItems.Flags | FetchItems.Uid));
        var tag = await server.ExpectCommandAsync("FETCH 1:2 (UID FLAGS)");
        await server.SendAsync(
            "* 1 FETCH (UID 10 FLAGS (\\Seen))\r\n" +
            "* 21 EXISTS\r\n" +
            "* 5 FETCH (FLAGS (\\Deleted))\r\n" +
            "* 2 FETCH (UID 11 FLAGS ())\r\n" +
            $"{tag} OK FETCH completed\r\n");
        var messages = await fetch.WaitAsync(Patience);

        Assert.That(messages.Select(m => m.SequenceNumber), Is.EqualTo(new uint[] { 1, 2 }));
        Assert.That(messages.Select(m => m.Uid), Is.EqualTo(new uint?[] { 10, 11 }));
        var changed = await flags.NextAsync();
        Assert.That(changed.SequenceNumber, Is.EqualTo(5));
        Assert.That(changed.Flags.System, Is.EqualTo(SystemFlags.Deleted));
        Assert.That((await sizes.NextAsync()).Exists, Is.EqualTo(21));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(21));
    }

    [Test]
    public async Task Unknown_untagged_responses_are_delivered_as_ImapUnknownResponse()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* NOOP\r\n* XYZ 1 2\r\n* 4 XFOO (a b)\r\n{tag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);

        var first = (await untagged.NextAsync()).Response as ImapUnknownResponse;
        Assert.That(first, Is.Not.Null);
        Assert.That(first!.Keyword, Is.EqualTo("NOOP"));
        Assert.That(first.Text, Is.EqualTo("NOOP"));
        var second = (await untagged.NextAsync()).Response as ImapUnknownResponse;
        Assert.That(second, Is.Not.Null);
        Assert.That(second!.Keyword, Is.EqualTo("XYZ"));
        Assert.That(second.Text, Is.EqualTo("XYZ 1 2"));
        var third = (await untagged.NextAsync()).Response as ImapUnknownResponse;
        Assert.That(third, Is.Not.Null);
        Assert.That(third!.Keyword, Is.EqualTo("XFOO"));
        Assert.That(third.Text, Is.EqualTo("4 XFOO (a b)"));
    }
}

using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Mailboxes;

/// <summary>LIST and LSUB transcripts: what the client writes, and the mailboxes it makes of every shape of reply.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ListTests(Delivery delivery)
{
    private const string Extended = "IMAP4rev1 LIST-EXTENDED SPECIAL-USE LIST-STATUS STATUS=SIZE";

    private async Task<(ScriptedServer, ImapConnection)> ConnectAsync(string capabilities = "IMAP4rev1")
    {
        var server = new ScriptedServer(delivery);
        return (server, await server.ConnectAsync($"* PREAUTH [CAPABILITY {capabilities}] ready\r\n"));
    }

    [Test]
    public async Task A_plain_LIST_returns_quoted_atom_and_literal_names_decoded_with_their_delimiters_and_attributes()
    {
        var (server, imap) = await ConnectAsync();
        await using var _ = server;
        await using var __ = imap;

        var list = imap.ListAsync();
        var tag = await server.ExpectCommandAsync("LIST \"\" *");
        await server.SendAsync(
            "* LIST (\\HasNoChildren) \"/\" INBOX\r\n" +
            "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"\r\n" +
            "* LIST (\\HasChildren \\Noselect) \"/\" {37}\r\nTom &- Jerry/&BBIERQQ+BDQETwRJBDgENQ-\r\n" +
            "* LIST (\\NoInferiors \\X-Special) NIL Flat\r\n" +
            $"{tag} OK List completed (0.001 + 0.000 secs).\r\n");
        var mailboxes = await list.WaitAsync(Patience);

        Assert.That(mailboxes.Select(m => m.Name), Is.EqualTo(new[] { "INBOX", "Sent Items", "Tom & Jerry/Входящие", "Flat" }));
        Assert.That(mailboxes.Select(m => m.Delimiter), Is.EqualTo(new char?[] { '/', '/', '/', null }));
        Assert.That(mailboxes[1].SpecialUse, Is.EqualTo(MailboxAttributes.Sent));
        Assert.That(mailboxes[2].IsSelectable, Is.False);
        Assert.That(mailboxes[2].Attributes, Is.EqualTo(MailboxAttributes.HasChildren | MailboxAttributes.NoSelect));
        Assert.That(mailboxes[3].Attributes, Is.EqualTo(MailboxAttributes.NoInferiors));
        Assert.That(mailboxes[3].OtherAttributes, Is.EqualTo(new[] { "\\X-Special" }));
        Assert.That(mailboxes.All(m => m.Status is null), Is.True);
    }

    [Test]
    public async Task Reference_and_pattern_are_encoded_as_modified_UTF7_wildcards_bare_and_quoted_only_when_needed()
    {
        var (server, imap) = await ConnectAsync();
        await using var _ = server;
        await using var __ = imap;

        var list = imap.ListAsync("Archiv/", "Entwürfe/%");
        var tag = await server.ExpectCommandAsync("LIST Archiv/ Entw&APw-rfe/%");
        await server.SendAsync($"* LIST () \"/\" Archiv/Entw&APw-rfe/2024\r\n{tag} OK done\r\n");
        Assert.That((await list.WaitAsync(Patience)).Single().Name, Is.EqualTo("Archiv/Entwürfe/2024"));

        list = imap.ListAsync("", "Tom & Jerry *");
        tag = await server.ExpectCommandAsync("LIST \"\" \"Tom &- Jerry *\"");
        await server.SendAsync($"{tag} OK done\r\n");
        Assert.That(await list.WaitAsync(Patience), Is.Empty);

        list = imap.ListAsync("", "");
        tag = await server.ExpectCommandAsync("LIST \"\" \"\"");
        await server.SendAsync($"* LIST (\\Noselect) \"/\" \"\"\r\n{tag} OK done\r\n");
        var root = (await list.WaitAsync(Patience)).Single();
        Assert.That((root.Name, root.Delimiter), Is.EqualTo(("", (char?)'/')), "the empty pattern asks for the delimiter");
    }

    [Test]
    public async Task Extended_LIST_writes_selection_patterns_and_return_options_and_pairs_each_STATUS_with_its_mailbox()
    {
        var (server, imap) = await ConnectAsync(Extended);
        await using var _ = server;
        await using var __ = imap;

        var list = imap.ListAsync(new ListRequest
        {
            Patterns = ["INBOX", "Arbeit/*"],
            Selection = ListSelectionOptions.Subscribed | ListSelectionOptions.RecursiveMatch,
            Return = ListReturnOptions.Children | ListReturnOptions.SpecialUse,
            Status = StatusItems.Messages | StatusItems.Unseen | StatusItems.Size,
        });
        var tag = await server.ExpectCommandAsync(
            "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX Arbeit/*) RETURN (CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN SIZE))");
        await server.SendAsync(
            "* LIST (\\Subscribed \\HasNoChildren) \"/\" INBOX\r\n" +
            "* STATUS INBOX (MESSAGES 17 UNSEEN 3 SIZE 40960)\r\n" +
            "* LIST (\\HasChildren) \"/\" Arbeit (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n" +
            "* LIST (\\Subscribed \\NonExistent) \"/\" Arbeit/Gel&APY-scht\r\n" +
            "* LIST (\\Subscribed \\HasNoChildren \\Archive) \"/\" \"Arbeit/Alt &- neu\"\r\n" +
            "* STATUS \"Arbeit/Alt &- neu\" (MESSAGES 2 UNSEEN 0 SIZE 1024)\r\n" +
            "* STATUS Arbeit (MESSAGES 0 UNSEEN 0 SIZE 0)\r\n" +
            $"{tag} OK List completed\r\n");
        var mailboxes = await list.WaitAsync(Patience);

        Assert.That(mailboxes.Select(m => m.Name), Is.EqualTo(new[] { "INBOX", "Arbeit", "Arbeit/Gelöscht", "Arbeit/Alt & neu" }));
        Assert.That((mailboxes[0].Status!.Messages, mailboxes[0].Status!.Unseen, mailboxes[0].Status!.Size),
            Is.EqualTo(((uint?)17, (uint?)3, (ulong?)40960)));
        Assert.That(mailboxes[1].ChildInfo, Is.EqualTo(new[] { "SUBSCRIBED" }));
        Assert.That(mailboxes[1].Status!.Messages, Is.Zero, "a STATUS after other LISTs still finds its mailbox");
        Assert.That(mailboxes[2].Status, Is.Null, "no status for a name that does not exist");
        Assert.That(mailboxes[2].Attributes, Is.EqualTo(MailboxAttributes.Subscribed | MailboxAttributes.NonExistent));
        Assert.That(mailboxes[3].Status!.Messages, Is.EqualTo(2));
        Assert.That(mailboxes[3].SpecialUse, Is.EqualTo(MailboxAttributes.Archive));
    }

    [Test]
    public async Task Return_options_alone_and_status_alone_are_written_as_the_rfc_spells_them()
    {
        var (server, imap) = await ConnectAsync(Extended);
        await using var _ = server;
        await using var __ = imap;

        var list = imap.ListAsync(new ListRequest { Selection = ListSelectionOptions.SpecialUse, Return = ListReturnOptions.Subscribed });
        var tag = await server.ExpectCommandAsync("LIST (SPECIAL-USE) \"\" * RETURN (SUBSCRIBED)");
        await server.SendAsync($"* LIST (\\Sent \\Subscribed) \"/\" Sent\r\n{tag} OK done\r\n");
        Assert.That((await list.WaitAsync(Patience)).Single().Attributes, Is.EqualTo(MailboxAttributes.Sent | MailboxAttributes.Subscribed));

        list = imap.ListAsync(new ListRequest { Patterns = ["%"], Status = StatusItems.UidValidity | StatusItems.UidNext });
        tag = await server.ExpectCommandAsync("LIST \"\" % RETURN (STATUS (UIDNEXT UIDVALIDITY))");
        await server.SendAsync($"* LIST () \"/\" Sent\r\n* STATUS Sent (UIDNEXT 5 UIDVALIDITY 99)\r\n{tag} OK done\r\n");
        var sent = (await list.WaitAsync(Patience)).Single();
        Assert.That((sent.Status!.UidNext, sent.Status.UidValidity), Is.EqualTo(((uint?)5, (uint?)99)));
    }

    [Test]
    public async Task A_STATUS_during_a_plain_LIST_is_not_the_LISTs_and_is_raised_as_an_event()
    {
        var (server, imap) = await ConnectAsync();
        await using var _ = server;
        await using var __ = imap;
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var list = imap.ListAsync();
        var tag = await server.ExpectCommandAsync("LIST \"\" *");
        await server.SendAsync($"* LIST () \"/\" INBOX\r\n* STATUS INBOX (MESSAGES 1)\r\n{tag} OK done\r\n");
        Assert.That((await list.WaitAsync(Patience)).Single().Status, Is.Null);
        Assert.That((await untagged.NextAsync()).Response, Is.TypeOf<ImapMailboxStatusResponse>());
    }

    [TestCase("IMAP4rev1 LIST-EXTENDED LIST-STATUS", "SPECIAL-USE")]
    [TestCase("IMAP4rev1 SPECIAL-USE", "LIST-EXTENDED")]

    // RFC 9051 took SPECIAL-USE's mailbox attributes into LIST responses, not its LIST options (its grammar has none).
    [TestCase("IMAP4rev2", "SPECIAL-USE")]
    public async Task Special_use_options_need_their_capabilities_and_nothing_is_sent_without_them(string capabilities, string missing)
    {
        var (server, imap) = await ConnectAsync(capabilities);
        await using var _ = server;
        await using var __ = imap;

        var ex = await CatchAsync(imap.ListAsync(new ListRequest { Return = ListReturnOptions.SpecialUse }));
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain(missing));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Extended_options_without_LIST_EXTENDED_or_LIST_STATUS_throw_before_anything_is_sent()
    {
        var (server, imap) = await ConnectAsync("IMAP4rev1 LIST-STATUS");
        await using var _ = server;
        await using var __ = imap;

        Assert.That(await CatchAsync(imap.ListAsync(new ListRequest { Selection = ListSelectionOptions.Subscribed })), Is.TypeOf<NotSupportedException>());
        Assert.That(await CatchAsync(imap.ListAsync(new ListRequest { Return = ListReturnOptions.Children })), Is.TypeOf<NotSupportedException>());
        Assert.That(await CatchAsync(imap.ListAsync(new ListRequest { Patterns = ["a", "b"] })), Is.TypeOf<NotSupportedException>());
        var size = await CatchAsync(imap.ListAsync(new ListRequest { Status = StatusItems.Size }));
        Assert.That(size, Is.TypeOf<NotSupportedException>());
        Assert.That(size!.Message, Does.Contain("STATUS=SIZE"));
        await AssertNothingWasSentAsync(server, imap, "A0001");

        (server, imap) = await ConnectAsync("IMAP4rev1 LIST-EXTENDED");
        await using var ___ = server;
        await using var ____ = imap;
        var status = await CatchAsync(imap.ListAsync(new ListRequest { Status = StatusItems.Messages }));
        Assert.That(status!.Message, Does.Contain("LIST-STATUS"));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task IMAP4rev2_implies_LIST_EXTENDED_and_LIST_STATUS()
    {
        var (server, imap) = await ConnectAsync("IMAP4rev2");
        await using var _ = server;
        await using var __ = imap;

        var list = imap.ListAsync(new ListRequest { Selection = ListSelectionOptions.Subscribed, Status = StatusItems.Deleted });
        var tag = await server.ExpectCommandAsync("LIST (SUBSCRIBED) \"\" * RETURN (STATUS (DELETED))");
        await server.SendAsync($"* LIST (\\Subscribed) \"/\" INBOX\r\n* STATUS INBOX (DELETED 4)\r\n{tag} OK done\r\n");
        Assert.That((await list.WaitAsync(Patience)).Single().Status!.Deleted, Is.EqualTo(4));
    }

    [Test]
    public async Task When_no_capabilities_were_announced_an_extended_LIST_asks_for_them_first()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");

        var list = imap.ListAsync(new ListRequest { Return = ListReturnOptions.Children });
        var tag = await server.ExpectCommandAsync("CAPABILITY");
        await server.SendAsync($"* CAPABILITY IMAP4rev1 LIST-EXTENDED\r\n{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("LIST \"\" * RETURN (CHILDREN)");
        await server.SendAsync($"* LIST (\\HasNoChildren) \"/\" INBOX\r\n{tag} OK done\r\n");
        Assert.That((await list.WaitAsync(Patience)).Single().Attributes, Is.EqualTo(MailboxAttributes.HasNoChildren));
    }

    [Test]
    public async Task RECURSIVEMATCH_alone_is_refused_as_the_rfc_requires()
    {
        var (server, imap) = await ConnectAsync(Extended);
        await using var _ = server;
        await using var __ = imap;

        var ex = await CatchAsync(imap.ListAsync(new ListRequest { Selection = ListSelectionOptions.RecursiveMatch | ListSelectionOptions.Remote }));
        Assert.That(ex, Is.TypeOf<ArgumentException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task LIST_before_signing_in_throws_and_sends_nothing_not_even_CAPABILITY()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK ready\r\n");

        Assert.That(await CatchAsync(imap.ListAsync()), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.ListAsync(new ListRequest { Return = ListReturnOptions.Children })), Is.TypeOf<InvalidOperationException>());
        Assert.That(await CatchAsync(imap.LsubAsync()), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [TestCase("NO", "[CANNOT] Invalid pattern", "CANNOT", "Invalid pattern")]
    [TestCase("BAD", "Error in IMAP command LIST: Unknown LIST option", null, "Error in IMAP command LIST: Unknown LIST option")]
    public async Task A_refusal_fails_the_call_with_the_servers_words(string status, string wire, string? code, string text)
    {
        var (server, imap) = await ConnectAsync();
        await using var _ = server;
        await using var __ = imap;

        var list = imap.ListAsync();
        var tag = await server.ExpectCommandAsync("LIST \"\" *");
        await server.SendAsync($"{tag} {status} {wire}\r\n");
        var ex = await CatchAsync(list);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        var failure = (ImapCommandException)ex!;
        Assert.That((failure.CommandName, failure.Status.ToString().ToUpperInvariant(), failure.ResponseCode?.Name, failure.ResponseText),
            Is.EqualTo(("LIST", status, code, text)));
        Assert.That(failure.Message, Does.Contain(text));
    }

    [Test]
    public async Task LSUB_collects_LSUB_data_and_leaves_LIST_data_to_others()
    {
        var (server, imap) = await ConnectAsync();
        await using var _ = server;
        await using var __ = imap;
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var lsub = imap.LsubAsync("", "Arbeit/%");
        var tag = await server.ExpectCommandAsync("LSUB \"\" Arbeit/%");
        await server.SendAsync(
            $"* LSUB () \"/\" Arbeit/Projekt\r\n* LSUB (\\Noselect) \"/\" Arbeit/&ZeVnLIqe-\r\n* LIST () \"/\" Stray\r\n{tag} OK done\r\n");
        var subscribed = await lsub.WaitAsync(Patience);
        Assert.That(subscribed.Select(m => m.Name), Is.EqualTo(new[] { "Arbeit/Projekt", "Arbeit/日本語" }));
        var stray = (ImapListResponse)(await untagged.NextAsync()).Response;
        Assert.That((stray.IsLsub, stray.Mailbox.Name), Is.EqualTo((false, "Stray")));
    }

    [Test]
    public async Task A_second_LIST_waits_for_the_first_because_LIST_data_names_no_command()
    {
        var (server, imap) = await ConnectAsync();
        await using var _ = server;
        await using var __ = imap;

        var first = imap.ListAsync("", "A*");
        var firstTag = await server.ExpectCommandAsync("LIST \"\" A*");
        var second = imap.ListAsync("", "B*");
        var pending = await AssertClientSilentAsync(server, "the second LIST is held back while the first is in flight");
        await server.SendAsync($"* LIST () \"/\" Alpha\r\n{firstTag} OK done\r\n");
        Assert.That((await first.WaitAsync(Patience)).Single().Name, Is.EqualTo("Alpha"));

        var (secondTag, command) = SplitTag(await pending.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("LIST \"\" B*"));
        await server.SendAsync($"* LIST () \"/\" Beta\r\n{secondTag} OK done\r\n");
        Assert.That((await second.WaitAsync(Patience)).Single().Name, Is.EqualTo("Beta"));
    }

    [Test]
    public async Task LIST_and_LSUB_run_side_by_side()
    {
        var (server, imap) = await ConnectAsync();
        await using var _ = server;
        await using var __ = imap;

        var list = imap.ListAsync();
        var listTag = await server.ExpectCommandAsync("LIST \"\" *");
        var lsub = imap.LsubAsync();
        var lsubTag = await server.ExpectCommandAsync("LSUB \"\" *");
        await server.SendAsync($"* LIST () \"/\" One\r\n* LSUB () \"/\" Two\r\n{lsubTag} OK done\r\n{listTag} OK done\r\n");
        Assert.That((await list.WaitAsync(Patience)).Single().Name, Is.EqualTo("One"));
        Assert.That((await lsub.WaitAsync(Patience)).Single().Name, Is.EqualTo("Two"));
    }

    [Test]
    public async Task Interleaved_LIST_and_LSUB_lines_each_reach_their_own_command_and_a_line_after_both_ended_is_an_event()
    {
        var (server, imap) = await ConnectAsync();
        await using var _ = server;
        await using var __ = imap;
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var list = imap.ListAsync();
        var listTag = await server.ExpectCommandAsync("LIST \"\" *");
        var lsub = imap.LsubAsync();
        var lsubTag = await server.ExpectCommandAsync("LSUB \"\" *");
        await server.SendAsync(
            "* LIST () \"/\" One\r\n* LIST () \"/\" Two\r\n* LSUB () \"/\" Three\r\n* LIST () \"/\" Four\r\n" +
            $"* LSUB () \"/\" Five\r\n{lsubTag} OK done\r\n* LIST () \"/\" Six\r\n{listTag} OK done\r\n* LIST () \"/\" Late\r\n");

        Assert.That((await list.WaitAsync(Patience)).Select(m => m.Name), Is.EqualTo(new[] { "One", "Two", "Four", "Six" }));
        Assert.That((await lsub.WaitAsync(Patience)).Select(m => m.Name), Is.EqualTo(new[] { "Three", "Five" }));
        var late = (ImapListResponse)(await untagged.NextAsync()).Response;
        Assert.That((late.IsLsub, late.Mailbox.Name), Is.EqualTo((false, "Late")));
    }
}

using ImapClient.Protocol;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Protocol;

/// <summary>
/// The shared quirks catalogue's entries that are not about ENVELOPE or BODYSTRUCTURE (QuirkTests has those): FETCH
/// lines, status lines and what the session does with them, each checked against the catalogue's "expect".
/// </summary>
[TestFixture(0)]
[TestFixture(1)]
public sealed class QuirkLineTests(int segmentSize) : FetchParsingFixture(segmentSize)
{
    [Test]
    public void Quirk_yandex_body_section_without_value_reads_the_MIME_header_and_an_empty_section()
    {
        var message = Fetch(QuirkResponses.YandexBodySectionWithoutValue);
        Assert.That(message.Uid, Is.EqualTo(3016u));
        var headers = message.GetHeaders("2.MIME")!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.GetSection("2.MIME")!.Value.Length, Is.EqualTo(145));
            Assert.That(headers["Content-Transfer-Encoding"], Is.EqualTo("base64"));
            Assert.That(headers["Content-Type"], Does.StartWith("application/pdf;"));
            Assert.That(headers["Content-Disposition"], Does.Contain("filename=\"empty.pdf\""));
            Assert.That(message.BodySections.Single(s => s.Section == "2").Data?.Length, Is.Zero, "empty content, not NIL");
        }
    }

    [Test]
    public void Quirk_zoho_negative_modseq_is_no_MODSEQ_and_costs_nothing_else()
    {
        var message = Fetch(QuirkResponses.ZohoNegativeModseq);
        Assert.That((message.Uid, message.ModSeq, message.Flags!.System), Is.EqualTo(((uint?)336, (ulong?)null, SystemFlags.Recent | SystemFlags.Seen)));
    }

    [Test]
    public void Quirk_qq_space_before_close_paren_gives_the_UID_and_nothing_else()
    {
        var message = Fetch(QuirkResponses.QqSpaceBeforeCloseParen);
        Assert.That((message.Uid, message.Flags, message.ModSeq), Is.EqualTo(((uint?)19436, (MessageFlags?)null, (ulong?)null)));
    }

    [Test]
    public void Quirk_smartermail_double_space_no_modseq_reads_every_item_and_no_MODSEQ()
    {
        var message = Fetch(QuirkResponses.SmartermailDoubleSpaceNoModseq);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Flags!.System, Is.EqualTo(SystemFlags.Seen));
            Assert.That(message.InternalDate, Is.EqualTo(new DateTimeOffset(2023, 7, 25, 13, 55, 25, TimeSpan.FromHours(-4))));
            Assert.That(message.Uid, Is.EqualTo(1u));
            Assert.That(message.ModSeq, Is.Null);
        }
    }

    [Test]
    public void Quirk_gmail_ok_without_text_reads_the_code_with_empty_text()
    {
        var status = (ImapStatusResponse)ResponseParser.Parse(Sequence(QuirkResponses.GmailOkWithoutText), ImapLimits.Default).Response;
        Assert.That((status.Status, status.Code!.Name, status.Code.Number, status.Text), Is.EqualTo((ImapStatus.Ok, "HIGHESTMODSEQ", (ulong?)13632, "")));
    }

    [Test]
    public async Task Quirk_exchange_bare_copyuid_line_is_an_untagged_OK_and_the_command_still_completes()
    {
        await using var server = new ScriptedServer(Delivery);
        await using var imap = await SessionTestKit.ConnectSelectedAsync(server);
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{QuirkResponses.ExchangeBareCopyuidLine}{tag} OK done\r\n");

        Assert.That((await noop.WaitAsync(SessionTestKit.Patience)).Text, Is.EqualTo("done"));
        var status = (ImapStatusResponse)(await untagged.NextAsync()).Response;
        Assert.That((status.Status, status.Code!.Name, status.Code.Arguments), Is.EqualTo((ImapStatus.Ok, "COPYUID", "55 31 6")));
    }

    [Test]
    public async Task Quirk_zimbra_untagged_noop_is_passed_on_as_unknown_and_the_command_waits_for_its_completion()
    {
        await using var server = new ScriptedServer(Delivery);
        await using var imap = await SessionTestKit.ConnectSelectedAsync(server);
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync(QuirkResponses.ZimbraUntaggedNoop);
        Assert.That(((ImapUnknownResponse)(await untagged.NextAsync()).Response).Keyword, Is.EqualTo("NOOP"));
        Assert.That(noop.IsCompleted, Is.False);

        await server.SendAsync($"{tag} OK done\r\n");
        Assert.That((await noop.WaitAsync(SessionTestKit.Patience)).Text, Is.EqualTo("done"));
    }

    [Test]
    public async Task Quirk_wp_pl_tagged_bye_completes_the_LOGOUT()
    {
        await using var server = new ScriptedServer(Delivery);
        await using var imap = await SessionTestKit.ConnectSelectedAsync(server);
        var logout = imap.LogoutAsync();
        var tag = await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync(QuirkResponses.WpPlTaggedBye.Replace("A00000006", tag, StringComparison.Ordinal));

        var completion = await logout.WaitAsync(SessionTestKit.Patience);
        Assert.That((completion.Status, completion.Text), Is.EqualTo((ImapStatus.Bye, "IMAP4rev1 Server logging out")));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
    }

    [Test]
    public async Task Quirk_smartermail_421_greeting_fails_the_connect_cleanly_with_the_servers_text()
    {
        await using var server = new ScriptedServer(Delivery);
        var ex = await SessionTestKit.CatchAsync(server.ConnectAsync(QuirkResponses.Smartermail421Greeting));
        Assert.That(ex, Is.InstanceOf<ImapException>());
        Assert.That(ex!.ToString(), Does.Contain("421 Server is busy, try again later."));
    }

    [Test]
    public async Task Quirk_gmail_unsolicited_fetch_during_copy_is_a_flag_update_and_the_command_completes()
    {
        // The library has no COPY; the FETCH arrives the same way during any command that does not claim it.
        await using var server = new ScriptedServer(Delivery);
        await using var imap = await SessionTestKit.ConnectSelectedAsync(server);
        var changes = new EventQueue<FlagsChangedEventArgs>();
        imap.FlagsChanged += changes.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{QuirkResponses.GmailUnsolicitedFetchDuringCopy}{tag} OK done\r\n");

        Assert.That((await noop.WaitAsync(SessionTestKit.Patience)).Text, Is.EqualTo("done"));
        var change = await changes.NextAsync();
        Assert.That((change.SequenceNumber, change.Uid, change.Flags.System), Is.EqualTo((12u, (uint?)488, SystemFlags.Seen)));
    }
}

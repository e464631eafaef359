using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Protocol;

/// <summary>What the connection does with each response code: state it keeps, events it raises, exceptions it builds.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ResponseCodeSessionTests(Delivery delivery)
{
    [Test]
    public async Task An_untagged_ALERT_raises_the_Alert_event_with_its_text()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();
        var alerts = new EventQueue<AlertEventArgs>();
        imap.Alert += alerts.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* OK [ALERT] Your mailbox is 95% full\r\n{tag} OK NOOP completed\r\n");

        Assert.That((await noop.WaitAsync(Patience)).Text, Is.EqualTo("NOOP completed"));
        Assert.That((await alerts.NextAsync()).Text, Is.EqualTo("Your mailbox is 95% full"));
    }

    [Test]
    public async Task A_tagged_ALERT_raises_the_Alert_event_and_the_command_still_succeeds()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();
        var alerts = new EventQueue<AlertEventArgs>();
        imap.Alert += alerts.Handler;

        var login = imap.LoginAsync("joe", "secret");
        var tag = await server.ExpectCommandAsync("LOGIN joe secret");
        await server.SendAsync($"{tag} OK [ALERT] Password expires in 3 days\r\n");

        var ok = await login.WaitAsync(Patience);
        Assert.That(ok.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.Alert));
        Assert.That((await alerts.NextAsync()).Text, Is.EqualTo("Password expires in 3 days"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task A_CAPABILITY_code_in_the_greeting_sets_the_capabilities()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync(
            "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN AUTH=CRAM-MD5] Dovecot ready.\r\n");

        Assert.That(imap.Greeting.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.Capability));
        Assert.That(imap.Greeting.Text, Is.EqualTo("Dovecot ready."));
        Assert.That(imap.Capabilities.Imap4Rev1, Is.True);
        Assert.That(imap.Capabilities.LiteralPlus, Is.True);
        Assert.That(imap.Capabilities.StartTls, Is.True);
        Assert.That(imap.Capabilities.SaslInitialResponse, Is.True);
        Assert.That(imap.Capabilities.LoginDisabled, Is.False);
        Assert.That(imap.Capabilities.Contains("login-referrals"), Is.True);
        Assert.That(imap.Capabilities.AuthenticationMechanisms, Is.EquivalentTo(new[] { "PLAIN", "CRAM-MD5" }));
        Assert.That(imap.Capabilities.SupportsAuthentication("cram-md5"), Is.True);
    }

    [Test]
    public async Task A_CAPABILITY_code_in_the_LOGIN_completion_replaces_the_capabilities()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED STARTTLS] ready\r\n");
        Assert.That(imap.Capabilities.LoginDisabled, Is.True);

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK [CAPABILITY IMAP4rev1 IDLE UIDPLUS] done\r\n");
        await noop.WaitAsync(Patience);

        Assert.That(imap.Capabilities.LoginDisabled, Is.False);
        Assert.That(imap.Capabilities.Idle, Is.True);
        Assert.That(imap.Capabilities.UidPlus, Is.True);
        Assert.That(imap.Capabilities.StartTls, Is.False);
    }

    [Test]
    public async Task SELECT_reports_PERMANENTFLAGS_UIDNEXT_UIDVALIDITY_UNSEEN_and_READ_WRITE()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");

        var select = imap.SelectAsync("INBOX");
        var tag = await server.ExpectCommandAsync("SELECT INBOX");
        await server.SendAsync(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n" +
            "* OK [PERMANENTFLAGS (\\Deleted \\Seen $Forwarded \\*)] Limited\r\n" +
            "* 172 EXISTS\r\n" +
            "* 1 RECENT\r\n" +
            "* OK [UNSEEN 12] Message 12 is first unseen\r\n" +
            "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n" +
            "* OK [UIDNEXT 4392] Predicted next UID\r\n" +
            "* OK [HIGHESTMODSEQ 102784]\r\n" +
            $"{tag} OK [READ-WRITE] SELECT completed\r\n");
        var mailbox = await select.WaitAsync(Patience);

        Assert.That(mailbox.Exists, Is.EqualTo(172));
        Assert.That(mailbox.Recent, Is.EqualTo(1));
        Assert.That(mailbox.FirstUnseen, Is.EqualTo(12));
        Assert.That(mailbox.UidValidity, Is.EqualTo(3857529045));
        Assert.That(mailbox.UidNext, Is.EqualTo(4392));
        Assert.That(mailbox.Access, Is.EqualTo(MailboxAccess.ReadWrite));
        Assert.That(mailbox.Flags.Keywords, Is.EqualTo(new[] { "$Forwarded" }));
        Assert.That(mailbox.PermanentFlags!.System, Is.EqualTo(SystemFlags.Deleted | SystemFlags.Seen));
        Assert.That(mailbox.PermanentFlags.Keywords, Is.EqualTo(new[] { "$Forwarded" }));
        Assert.That(mailbox.PermanentFlags.AllowsNewKeywords, Is.True);
        Assert.That(imap.SelectedMailbox!.UidNext, Is.EqualTo(4392));
    }

    [Test]
    public async Task EXAMINE_with_READ_ONLY_selects_the_mailbox_read_only()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");

        var examine = imap.ExamineAsync("Archive");
        var tag = await server.ExpectCommandAsync("EXAMINE Archive");
        await server.SendAsync(
            "* 17 EXISTS\r\n* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n" +
            $"{tag} OK [READ-ONLY] EXAMINE completed\r\n");
        var mailbox = await examine.WaitAsync(Patience);

        Assert.That(mailbox.Name, Is.EqualTo("Archive"));
        Assert.That(mailbox.Access, Is.EqualTo(MailboxAccess.ReadOnly));
        Assert.That(mailbox.PermanentFlags!.AllowsNewKeywords, Is.False);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        Assert.That(imap.SelectedMailbox!.Access, Is.EqualTo(MailboxAccess.ReadOnly));
    }

    [Test]
    public async Task A_tagged_NO_with_TRYCREATE_fails_with_the_code_and_the_server_text()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} NO [TRYCREATE] Mailbox doesn't exist: Archive/2024\r\n");

        var ex = await CatchAsync(noop);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        var failure = (ImapCommandException)ex!;
        Assert.That(failure.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(failure.ResponseCode!.Kind, Is.EqualTo(ImapResponseCodeKind.TryCreate));
        Assert.That(failure.ResponseText, Is.EqualTo("Mailbox doesn't exist: Archive/2024"));
        Assert.That(failure.Message, Does.Contain("Mailbox doesn't exist: Archive/2024"));
        Assert.That(failure.Message, Does.Contain("TRYCREATE"));
        Assert.That(failure.CommandName, Is.EqualTo("NOOP"));
    }

    [Test]
    public async Task An_unknown_code_reaches_the_caller_with_its_name_and_arguments()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();
        var untagged = new EventQueue<UntaggedResponseEventArgs>();
        imap.UntaggedResponse += untagged.Handler;

        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"* OK [X-FOO bar baz] hello\r\n* OK [HIGHESTMODSEQ 102784]\r\n{tag} OK [X-BAR] done\r\n");

        var completion = await noop.WaitAsync(Patience);
        Assert.That(completion.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.Unknown));
        Assert.That(completion.Code.Name, Is.EqualTo("X-BAR"));
        Assert.That(completion.Code.Arguments, Is.Null);

        var foo = (ImapStatusResponse)(await untagged.NextAsync()).Response;
        Assert.That(foo.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.Unknown));
        Assert.That(foo.Code.Name, Is.EqualTo("X-FOO"));
        Assert.That(foo.Code.Arguments, Is.EqualTo("bar baz"));
        Assert.That(foo.Text, Is.EqualTo("hello"));

        // HIGHESTMODSEQ is typed (RFC 7162) and reaches the caller as a number.
        var modseq = (ImapStatusResponse)(await untagged.NextAsync()).Response;
        Assert.That(modseq.Code!.Kind, Is.EqualTo(ImapResponseCodeKind.HighestModSeq));
        Assert.That(modseq.Code.Number, Is.EqualTo(102784UL));
        Assert.That(modseq.Text, Is.Empty);
    }
}

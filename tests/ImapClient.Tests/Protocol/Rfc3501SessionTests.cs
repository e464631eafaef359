using System.Text;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Protocol;

/// <summary>The RFC 3501 section 8 example session, byte for byte, through the typed API.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class Rfc3501SessionTests(Delivery delivery)
{
    internal const string Header =
        "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n" +
        "From: Terry Gray <gray@cac.washington.edu>\r\n" +
        "Subject: IMAP4rev1 WG mtg summary and minutes\r\n" +
        "To: imap@cac.washington.edu\r\n" +
        "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n" +
        "Message-Id: <B27397-0100000@cac.washington.edu>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n" +
        "\r\n";

    internal const string Fetch12Full =
        "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" " +
        "RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" " +
        "\"IMAP4rev1 WG mtg summary and minutes\" " +
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) " +
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) " +
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) " +
        "((NIL NIL \"imap\" \"cac.washington.edu\")) " +
        "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")" +
        "(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL " +
        "\"<B27397-0100000@cac.washington.edu>\") " +
        "BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 " +
        "92))\r\n";

    [Test]
    public async Task The_example_session_runs_through_the_typed_api()
    {
        await using var server = new ScriptedServer(delivery);
        var unsolicited = new List<ImapResponse>();
        await using var imap = await server.ConnectAsync("* OK IMAP4rev1 Service Ready\r\n");
        imap.UntaggedResponse += (_, e) => unsolicited.Add(e.Response);
        Assert.That(imap.Greeting.Status, Is.EqualTo(ImapStatus.Ok));
        Assert.That(imap.Greeting.Text, Is.EqualTo("IMAP4rev1 Service Ready"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));

        // a001 login mrc secret
        var login = imap.LoginAsync("mrc", "secret");
        var tag = await server.ExpectCommandAsync("LOGIN mrc secret");
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        var loginOk = await login;
        Assert.That(loginOk.Text, Is.EqualTo("LOGIN completed"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));

        // a002 select inbox
        var select = imap.SelectAsync("inbox");
        tag = await server.ExpectCommandAsync("SELECT inbox");
        await server.SendAsync(
            "* 18 EXISTS\r\n" +
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n" +
            "* 2 RECENT\r\n" +
            "* OK [UNSEEN 17] Message 17 is the first unseen message\r\n" +
            "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n" +
            $"{tag} OK [READ-WRITE] SELECT completed\r\n");
        var mailbox = await select;
        Assert.That(mailbox.Name, Is.EqualTo("inbox"));
        Assert.That(mailbox.Exists, Is.EqualTo(18));
        Assert.That(mailbox.Recent, Is.EqualTo(2));
        Assert.That(mailbox.FirstUnseen, Is.EqualTo(17));
        Assert.That(mailbox.UidValidity, Is.EqualTo(3857529045));
        Assert.That(mailbox.Access, Is.EqualTo(MailboxAccess.ReadWrite));
        Assert.That(mailbox.Flags.System, Is.EqualTo(SystemFlags.Answered | SystemFlags.Flagged | SystemFlags.Deleted | SystemFlags.Seen | SystemFlags.Draft));
        Assert.That(mailbox.Flags.Keywords, Is.Empty);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Selected));
        Assert.That(imap.SelectedMailbox!.Exists, Is.EqualTo(18));

        // a003 fetch 12 full
        var fetch = imap.FetchAsync(SequenceSet.Single(12), new FetchRequest(FetchItems.Full));
        tag = await server.ExpectCommandAsync("FETCH 12 FULL");
        await server.SendAsync(Fetch12Full + $"{tag} OK FETCH completed\r\n");
        var full = (await fetch).Single();
        Assert.That(full.SequenceNumber, Is.EqualTo(12));
        Assert.That(full.Flags!.System, Is.EqualTo(SystemFlags.Seen));
        Assert.That(full.InternalDate, Is.EqualTo(new DateTimeOffset(1996, 7, 17, 2, 44, 25, TimeSpan.FromHours(-7))));
        Assert.That(full.Size, Is.EqualTo(4286));
        var envelope = full.Envelope!;
        Assert.That(envelope.DateText, Is.EqualTo("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"));
        Assert.That(envelope.Date, Is.EqualTo(new DateTimeOffset(1996, 7, 17, 2, 23, 25, TimeSpan.FromHours(-7))));
        Assert.That(envelope.Subject, Is.EqualTo("IMAP4rev1 WG mtg summary and minutes"));
        Assert.That(envelope.From.ToString(), Is.EqualTo("\"Terry Gray\" <gray@cac.washington.edu>"));
        Assert.That(envelope.Sender.ToString(), Is.EqualTo("\"Terry Gray\" <gray@cac.washington.edu>"));
        Assert.That(envelope.ReplyTo.ToString(), Is.EqualTo("\"Terry Gray\" <gray@cac.washington.edu>"));
        Assert.That(envelope.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "imap@cac.washington.edu" }));
        Assert.That(envelope.Cc.Mailboxes.Select(m => (m.Name, m.Address)),
            Is.EqualTo(new[] { ((string?)"", "minutes@CNRI.Reston.VA.US"), ("John Klensin", "KLENSIN@MIT.EDU") }).Using<(string?, string)>((a, b) => (a.Item1 ?? "") == (b.Item1 ?? "") && a.Item2 == b.Item2));
        Assert.That(envelope.Bcc, Is.Empty);
        Assert.That(envelope.InReplyTo, Is.Null);
        Assert.That(envelope.MessageId, Is.EqualTo("<B27397-0100000@cac.washington.edu>"));
        var body = full.BodyStructure as BodyPartText;
        Assert.That(body, Is.Not.Null);
        Assert.That(body!.ContentType.MimeType, Is.EqualTo("text/plain").IgnoreCase);
        Assert.That(body.ContentType.Charset, Is.EqualTo("US-ASCII"));
        Assert.That(body.ContentTransferEncoding, Is.EqualTo("7BIT"));
        Assert.That(body.Octets, Is.EqualTo(3028));
        Assert.That(body.Lines, Is.EqualTo(92));

        // a004 fetch 12 body[header]
        var headerFetch = imap.FetchAsync(SequenceSet.Single(12), new FetchRequest().AddBodySection("HEADER", peek: false));
        tag = await server.ExpectCommandAsync("FETCH 12 BODY[HEADER]");
        Assert.That(Encoding.ASCII.GetByteCount(Header), Is.EqualTo(342), "the RFC's literal length");
        await server.SendAsync($"* 12 FETCH (BODY[HEADER] {{342}}\r\n{Header})\r\n{tag} OK FETCH completed\r\n");
        var headers = (await headerFetch).Single().Headers!;
        Assert.That(headers.Select(h => h.Field), Is.EqualTo(new[] { "Date", "From", "Subject", "To", "cc", "Message-Id", "MIME-Version", "Content-Type" }));
        Assert.That(headers["Subject"], Is.EqualTo("IMAP4rev1 WG mtg summary and minutes"));
        Assert.That(headers["cc"], Is.EqualTo("minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>"));

        // a005 store 12 +flags \deleted
        var store = imap.StoreAsync(SequenceSet.Single(12), StoreAction.Add, new MessageFlags(SystemFlags.Deleted));
        tag = await server.ExpectCommandAsync("STORE 12 +FLAGS (\\Deleted)");
        await server.SendAsync($"* 12 FETCH (FLAGS (\\Seen \\Deleted))\r\n{tag} OK +FLAGS completed\r\n");
        var stored = (await store).Single();
        Assert.That(stored.SequenceNumber, Is.EqualTo(12));
        Assert.That(stored.Flags!.System, Is.EqualTo(SystemFlags.Seen | SystemFlags.Deleted));

        // a006 logout
        var logout = imap.LogoutAsync();
        tag = await server.ExpectCommandAsync("LOGOUT");
        await server.SendAsync($"* BYE IMAP4rev1 server terminating connection\r\n{tag} OK LOGOUT completed\r\n");
        Assert.That((await logout).Text, Is.EqualTo("LOGOUT completed"));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));

        Assert.That(server.Received, Does.StartWith("A0001 LOGIN mrc secret\r\n"));
        Assert.That(server.Received.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]),
            Is.EqualTo(new[] { "A0001", "A0002", "A0003", "A0004", "A0005", "A0006" }), "tags are unique and in order");
        Assert.That(unsolicited, Is.Empty, "every response of the session belongs to a command");
    }
}

using System.Text;
using ImapClient.TestServer;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Protocol;

/// <summary>
/// With every <see cref="ImapQuirks"/> switch off the parser follows the grammar to the letter: a compliant server
/// (Dovecot) must pass through it untouched, or the strict mode would blame servers for the parser's own mistakes.
/// </summary>
public class StrictParsingIntegrationTests : DovecotTests
{
    private const string Multipart =
        "From: \"Grüße, Sender\" <sender@example.org>\r\nTo: team: a@example.org, b@example.org;, c@example.org\r\n" +
        "Cc: \"Quote \\\" Name\" <q@example.org>\r\nSubject: =?UTF-8?B?R3LDvMOfZQ==?= with \"quotes\" and [brackets]\r\n" +
        "Date: Fri, 1 Mar 2024 09:00:00 +0000\r\nMessage-Id: <strict@example.org>\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n" +
        "--outer\r\nContent-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n" +
        "--inner\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHello\r\n" +
        "--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>\r\n--inner--\r\n" +
        "--outer\r\nContent-Type: application/pdf; name=\"a b.pdf\"\r\nContent-Disposition: attachment; filename=\"a b.pdf\"\r\n" +
        "Content-Language: en, de\r\nContent-Location: http://example.org/a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n" +
        "--outer\r\nContent-Type: message/rfc822\r\n\r\nFrom: inner@example.org\r\nSubject: Inner\r\n\r\nInner body\r\n" +
        "--outer--\r\n";

    [Test]
    public async Task A_whole_session_with_Dovecot_parses_with_every_quirk_switched_off()
    {
        var mailbox = "S" + Guid.NewGuid().ToString("N")[..12];
        DovecotFixture.Server.SeedMessages("testuser", mailbox, [new SeedMessage(Encoding.UTF8.GetBytes(Multipart), DateTimeOffset.UnixEpoch.AddYears(54))]);

        var server = DovecotFixture.Server;
        var options = IntegrationConnections.Options(server);
        options.AllowPlaintextAuthentication = true;
        options.Quirks = ImapQuirks.None;
        await using var imap = await ImapConnection.ConnectAsync(server.Host, server.Port, ImapSecurity.None, options);
        await imap.LoginAsync("testuser", server.Users["testuser"]);
        await imap.CapabilityAsync();
        var selected = await imap.SelectAsync(mailbox);
        Assert.That(selected.Exists, Is.EqualTo(1));

        var request = new FetchRequest(FetchItems.All | FetchItems.BodyStructure | FetchItems.Uid).AddBodySection("HEADER");
        var message = (await imap.FetchAsync(SequenceSet.Single(1), request)).Single();
        var envelope = message.Envelope!;
        Assert.That(envelope.Subject, Is.EqualTo("Grüße with \"quotes\" and [brackets]"));
        Assert.That(envelope.To, Has.Count.EqualTo(2), "a group and a mailbox");
        Assert.That(((MimeKit.MailboxAddress)envelope.Cc[0]).Name, Is.EqualTo("Quote \" Name"));

        var mixed = (BodyPartMultipart)message.BodyStructure!;
        Assert.That(mixed.Parts.Select(p => p.ContentType.MimeType), Is.EqualTo(new[] { "multipart/alternative", "application/pdf", "message/rfc822" }));
        Assert.That(mixed.Parts[1].ContentLanguage, Is.EqualTo(new[] { "en", "de" }));
        Assert.That(((BodyPartMessage)mixed.Parts[2]).Envelope!.Subject, Is.EqualTo("Inner"));

        await imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Flagged));
        await imap.NoopAsync();
        Assert.That((await imap.LogoutAsync()).Status, Is.EqualTo(ImapStatus.Ok));
    }
}

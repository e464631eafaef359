using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Diagnostics;

/// <summary>The protocol log sees every line, and never a secret.</summary>
public class ProtocolLoggerTests
{
    internal sealed class RecordingLogger : IImapProtocolLogger
    {
        public ConcurrentQueue<ImapProtocolLogEntry> Entries { get; } = new();

        public string All => string.Concat(Entries.Select(e => e.Text));

        public void Log(ImapProtocolLogEntry entry) => Entries.Enqueue(entry);
    }

    private static void AssertNoSecret(string log, string secret)
    {
        Assert.That(log, Does.Not.Contain(secret));
        Assert.That(log, Does.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))));
    }

    [Test]
    public async Task Lines_are_logged_both_ways_with_the_LOGIN_password_redacted()
    {
        var logger = new RecordingLogger();
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync(options: new ImapConnectionOptions { ProtocolLogger = logger });
        var login = imap.LoginAsync("mrc", "pa ss\"word");
        var tag = await server.ExpectCommandAsync("LOGIN mrc \"pa ss\\\"word\"");
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);

        var entries = logger.Entries.ToArray();
        Assert.That(entries[0], Is.EqualTo(entries[0] with { Direction = ImapProtocolDirection.Received, Text = "* OK IMAP4rev1 Service Ready\r\n" }));
        Assert.That(entries.Select(e => (e.Direction, e.Text)), Does.Contain((ImapProtocolDirection.Sent, $"{tag} LOGIN mrc ***\r\n")));
        Assert.That(entries.Select(e => (e.Direction, e.Text)), Does.Contain((ImapProtocolDirection.Received, $"{tag} OK LOGIN completed\r\n")));
        Assert.That(entries.All(e => e.Timestamp > DateTimeOffset.UtcNow.AddMinutes(-1)), Is.True);
        AssertNoSecret(logger.All, "pa ss");
    }

    [Test]
    public async Task A_password_sent_as_a_literal_is_redacted_too()
    {
        var logger = new RecordingLogger();
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 LITERAL+] hi\r\n", new ImapConnectionOptions { ProtocolLogger = logger });
        var login = imap.LoginAsync("mrc", "geheim\r\nübel");
        var tag = await server.ExpectCommandAsync("LOGIN mrc {13+}");
        await server.ReadLineAsync();
        await server.SendAsync($"{tag} OK\r\n");
        await login.WaitAsync(Patience);
        AssertNoSecret(logger.All, "geheim");
        AssertNoSecret(logger.All, "übel");
    }

    [Test]
    public async Task Every_AUTHENTICATE_response_is_redacted()
    {
        var logger = new RecordingLogger();
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync(
            "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=CRAM-MD5] ready\r\n", new ImapConnectionOptions { ProtocolLogger = logger });

        var plain = imap.AuthenticatePlainAsync(new NetworkCredential("user", "s3cret-plain"), authorizationId: null);
        var tag = await server.ExpectCommandAsync("AUTHENTICATE PLAIN AHVzZXIAczNjcmV0LXBsYWlu");
        await server.SendAsync($"{tag} NO [AUTHENTICATIONFAILED] nope\r\n");
        Assert.That(await CatchAsync(plain), Is.TypeOf<ImapAuthenticationException>());

        var cram = imap.AuthenticateAsync("CRAM-MD5", new NetworkCredential("tim", "tanstaaftanstaaf"));
        tag = await server.ExpectCommandAsync("AUTHENTICATE CRAM-MD5");
        await server.SendAsync("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n");
        var answer = await server.ReadLineAsync();
        await server.SendAsync($"{tag} OK\r\n");
        await cram.WaitAsync(Patience);

        Assert.That(logger.All, Does.Contain("AUTHENTICATE PLAIN ***\r\n"));
        Assert.That(logger.All, Does.Contain("***\r\n"));
        Assert.That(logger.All, Does.Not.Contain(answer.TrimEnd()), "the CRAM-MD5 response");
        AssertNoSecret(logger.All, "s3cret-plain");
        AssertNoSecret(logger.All, "AHVzZXIAczNjcmV0LXBsYWlu");
    }

    [Test]
    public async Task OAuth_tokens_are_redacted()
    {
        var logger = new RecordingLogger();
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync(
            "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready\r\n", new ImapConnectionOptions { ProtocolLogger = logger });
        var auth = imap.AuthenticateOAuth2Async("someone@example.org", "ya29.token-value");
        var line = await server.ReadLineAsync();
        var (tag, _) = SplitTag(line);
        await server.SendAsync($"{tag} OK\r\n");
        await auth.WaitAsync(Patience);
        AssertNoSecret(logger.All, "ya29.token-value");
        Assert.That(logger.All, Does.Not.Contain(line.Split(' ')[^1].TrimEnd()));
    }
}

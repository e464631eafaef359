using System.Net;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Security;

/// <summary>Credentials never cross an unencrypted connection unless the caller opted in.</summary>
public class PlaintextGuardTests
{
    [Test]
    public async Task LOGIN_on_an_unencrypted_connection_is_refused_before_a_byte_is_sent()
    {
        await using var server = new ScriptedServer(allowPlaintext: false);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2] ready\r\n");
        Assert.That(() => imap.LoginAsync("user", "secret"), Throws.InvalidOperationException.With.Message.Contains("unencrypted"));
        Assert.That(() => imap.AuthenticateAsync("PLAIN", new NetworkCredential("user", "secret")), Throws.InvalidOperationException);
        Assert.That(() => imap.AuthenticateOAuth2Async("user@example.org", "token"), Throws.InvalidOperationException);
        await AssertClientSilentAsync(server, "nothing was sent");
    }

    [Test]
    public async Task Automatic_choice_skips_plaintext_mechanisms_on_an_unencrypted_connection()
    {
        await using var server = new ScriptedServer(allowPlaintext: false);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5] ready\r\n");
        var auth = imap.AuthenticateAsync(new NetworkCredential("tim", "tanstaaftanstaaf"));
        var tag = await server.ExpectCommandAsync("AUTHENTICATE CRAM-MD5");
        await server.SendAsync("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n");
        await server.ReadLineAsync();
        await server.SendAsync($"{tag} OK done\r\n");
        await auth.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task Automatic_choice_with_only_plaintext_mechanisms_on_an_unencrypted_connection_is_refused()
    {
        await using var server = new ScriptedServer(allowPlaintext: false);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN AUTH=LOGIN] ready\r\n");
        Assert.That(() => imap.AuthenticateAsync(new NetworkCredential("user", "secret")),
            Throws.InvalidOperationException.With.Message.Contains("PLAIN"));
        await AssertClientSilentAsync(server, "nothing was sent");
    }

    [Test]
    public async Task Automatic_choice_prefers_the_strongest_mechanism_and_uses_plaintext_when_allowed()
    {
        await using var server = new ScriptedServer(allowPlaintext: true);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=LOGIN] ready\r\n");
        var auth = imap.AuthenticateAsync(new NetworkCredential("user", "secret"));
        var tag = await server.ExpectCommandAsync("AUTHENTICATE PLAIN AHVzZXIAc2VjcmV0");
        await server.SendAsync($"{tag} OK done\r\n");
        await auth.WaitAsync(Patience);
    }
}

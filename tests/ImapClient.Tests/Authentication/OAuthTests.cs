using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Authentication;

/// <summary>OAuth 2.0 sign-in: the mechanism choice and the JSON error challenge.</summary>
public class OAuthTests
{
    private const string ErrorJson = "{\"status\":\"invalid_token\",\"scope\":\"https://mail.google.com/\"}";

    [Test]
    public async Task XOAUTH2_answers_the_error_challenge_with_an_empty_response_and_reports_the_servers_json()
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] ready\r\n");
        var auth = imap.AuthenticateOAuth2Async("someone@example.org", "token");
        var line = await server.ReadLineAsync();
        var (tag, command) = SplitTag(line);
        var initial = Encoding.UTF8.GetString(Convert.FromBase64String(command["AUTHENTICATE XOAUTH2 ".Length..]));
        Assert.That(initial, Is.EqualTo("user=someone@example.org\u0001auth=Bearer token\u0001\u0001"));

        await server.SendAsync($"+ {Convert.ToBase64String(Encoding.UTF8.GetBytes(ErrorJson))}\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("\r\n"));
        await server.SendAsync($"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");

        var ex = await CatchAsync(auth);
        Assert.That(ex, Is.TypeOf<ImapAuthenticationException>());
        var failure = (ImapAuthenticationException)ex!;
        Assert.That(failure.ServerDetail, Is.EqualTo(ErrorJson));
        Assert.That(failure.Message, Does.Contain("invalid_token").And.Contain("Invalid credentials"));
        Assert.That(failure.ResponseCode?.Name, Is.EqualTo("AUTHENTICATIONFAILED"));
    }

    [Test]
    public async Task OAUTHBEARER_is_preferred_when_offered_and_answers_an_error_with_the_dummy_response()
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 AUTH=OAUTHBEARER] ready\r\n");
        var auth = imap.AuthenticateOAuth2Async("someone@example.org", "token");
        var tag = await server.ExpectCommandAsync("AUTHENTICATE OAUTHBEARER");
        await server.SendAsync("+ \r\n");
        var initial = Encoding.UTF8.GetString(Convert.FromBase64String((await server.ReadLineAsync()).TrimEnd()));
        Assert.That(initial, Does.StartWith("n,a=someone@example.org,\u0001").And.Contain("auth=Bearer token\u0001\u0001"));

        await server.SendAsync($"+ {Convert.ToBase64String(Encoding.UTF8.GetBytes(ErrorJson))}\r\n");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("AQ==\r\n"), "RFC 7628 section 3.2.3: a single 0x01");
        await server.SendAsync($"{tag} NO token rejected\r\n");
        var ex = await CatchAsync(auth);
        Assert.That(((ImapAuthenticationException)ex!).ServerDetail, Is.EqualTo(ErrorJson));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
    }

    [Test]
    public async Task A_mailbox_name_with_CR_LF_cannot_inject_a_command()
    {
        // Refused outright (RFC 9051 section 5.1 bars control characters from names), so nothing of it is written.
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* PREAUTH ready\r\n");
        Assert.That(() => imap.SelectAsync("x\r\nA9 DELETE INBOX"), Throws.ArgumentException);
        var noop = imap.NoopAsync();
        var tag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{tag} OK\r\n");
        await noop.WaitAsync(Patience);
    }

    [Test]
    public async Task A_server_offering_neither_OAuth_mechanism_gets_no_token()
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");

        Assert.That(await CatchAsync(imap.AuthenticateOAuth2Async("ann@example.org", "ya29.token")), Is.TypeOf<NotSupportedException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }
}

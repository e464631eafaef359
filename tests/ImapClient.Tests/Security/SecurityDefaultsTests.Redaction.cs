using System.Net;
using System.Text;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;
using ImapClient.Tests.Diagnostics;

namespace ImapClient.Tests.Security;

/// <summary>
/// The protocol log never holds a secret: not the password, not a SASL response, not a token, whichever way it is
/// sent. These are the exchanges <c>ProtocolLoggerTests</c> does not already cover (LOGIN quoted and as a
/// non-synchronizing literal, PLAIN with SASL-IR, CRAM-MD5, XOAUTH2 with SASL-IR are there).
/// </summary>
public partial class SecurityDefaultsTests
{
    private const string Secret = "pässwörd \"with\" \\ and\r\nline";

    public enum Exchange
    {
        LoginSynchronizingLiteral,
        PlainAfterContinuation,
        LoginMechanism,
        OAuthBearerRefused,
        XOAuth2AfterContinuation,
    }

    [TestCase(Exchange.LoginSynchronizingLiteral)]
    [TestCase(Exchange.PlainAfterContinuation)]
    [TestCase(Exchange.LoginMechanism)]
    [TestCase(Exchange.OAuthBearerRefused)]
    [TestCase(Exchange.XOAuth2AfterContinuation)]
    public async Task No_secret_reaches_the_protocol_log(Exchange exchange)
    {
        var logger = new ProtocolLoggerTests.RecordingLogger();
        await using var server = new ScriptedServer();
        var capabilities = exchange switch
        {
            Exchange.LoginSynchronizingLiteral => "IMAP4rev1",
            Exchange.OAuthBearerRefused => "IMAP4rev1 SASL-IR AUTH=OAUTHBEARER",
            _ => "IMAP4rev1 AUTH=PLAIN AUTH=LOGIN AUTH=XOAUTH2",
        };
        await using var imap = await server.ConnectAsync($"* OK [CAPABILITY {capabilities}] ready\r\n", new ImapConnectionOptions { ProtocolLogger = logger });
        var credential = new NetworkCredential("ann", Secret);
        var responses = new List<string>();

        var signIn = exchange switch
        {
            Exchange.LoginSynchronizingLiteral => imap.LoginAsync("ann", Secret),
            Exchange.PlainAfterContinuation => imap.AuthenticateAsync("PLAIN", credential),
            Exchange.LoginMechanism => imap.AuthenticateAsync("LOGIN", credential),
            Exchange.OAuthBearerRefused or Exchange.XOAuth2AfterContinuation => imap.AuthenticateOAuth2Async("ann@example.org", Secret),
            _ => throw new ArgumentOutOfRangeException(nameof(exchange)),
        };

        var command = WireArguments.Decode(await server.ReadCommandAsync());
        var tag = command[0];
        if (exchange == Exchange.OAuthBearerRefused)
        {
            responses.Add(command[3]);
        }

        string[] challenges = exchange switch
        {
            Exchange.LoginMechanism => ["VXNlcm5hbWU6", "UGFzc3dvcmQ6"],
            Exchange.OAuthBearerRefused => [Convert.ToBase64String("{\"status\":\"invalid_token\"}"u8)],
            Exchange.LoginSynchronizingLiteral => [],
            _ => [""],
        };
        foreach (var challenge in challenges)
        {
            await server.SendAsync($"+ {challenge}\r\n");
            responses.Add((await server.ReadLineAsync()).TrimEnd());
        }

        var ok = exchange != Exchange.OAuthBearerRefused;
        await server.SendAsync(ok ? $"{tag} OK signed in\r\n" : $"{tag} NO [AUTHENTICATIONFAILED] refused\r\n");
        var failure = await CatchAsync(signIn);
        Assert.That(failure, ok ? Is.Null : Is.InstanceOf<ImapAuthenticationException>());

        var log = logger.All;
        Assert.That(log, Does.Contain(exchange == Exchange.LoginSynchronizingLiteral ? $"{tag} LOGIN ann ***\r\n" : $"{tag} AUTHENTICATE "));
        foreach (var part in new[] { Secret, "pässwörd", "\"with\"", Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)) }.Concat(responses))
        {
            Assert.That(log, Does.Not.Contain(part), $"the log holds \"{part}\"");
        }

        var sent = logger.Entries.Where(e => e.Direction == ImapProtocolDirection.Sent).Select(e => e.Text).ToList();
        Assert.That(sent.Skip(1), Is.All.EqualTo("***\r\n"), "every answer to a challenge is redacted whole");
    }
}

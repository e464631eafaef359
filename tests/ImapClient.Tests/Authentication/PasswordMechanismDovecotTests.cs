using System.Net;
using System.Net.Sockets;
using System.Text;
using ImapClient.Sasl;
using ImapClient.TestServer;

namespace ImapClient.Tests.Authentication;

/// <summary>Runs each password mechanism against a real Dovecot, over a bare socket so the session layer is not involved.</summary>
public class PasswordMechanismDovecotTests
{
    private static readonly Dictionary<string, string> Users = new()
    {
        ["saslbob"] = "s3cret pass",
        ["intl"] = "p\u00e4ssw\u00f6rd",
        ["odd,name=x"] = "pencil",
    };

    private DovecotServer? _server;

    private DovecotServer Server => _server ?? throw new InvalidOperationException("Dovecot did not start.");

    [OneTimeSetUp]
    public async Task StartDovecotAsync() =>
        _server = await DovecotServer.StartAsync(new DovecotServerOptions
        {
            Users = Users,

            // The default allowed set has neither ',' nor '=', which the escaping test needs in a user name.
            ExtraConfig = "auth_username_chars =",
        });

    [OneTimeTearDown]
    public async Task StopDovecotAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [TestCase("PLAIN", true)]
    [TestCase("PLAIN", false)]
    [TestCase("LOGIN", false)]
    [TestCase("CRAM-MD5", false)]
    [TestCase("DIGEST-MD5", false)]
    [TestCase("SCRAM-SHA-1", true)]
    [TestCase("SCRAM-SHA-1", false)]
    [TestCase("SCRAM-SHA-256", true)]
    [TestCase("SCRAM-SHA-256", false)]
    public async Task Authenticates(string name, bool initialResponse)
    {
        var mechanism = Create(name, "saslbob");

        var (result, failure) = await AuthenticateAsync(mechanism, initialResponse);

        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.Null);
            Assert.That(result, Does.StartWith("a OK"), Server.LogTail());
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [TestCase("PLAIN")]
    [TestCase("SCRAM-SHA-1")]
    [TestCase("SCRAM-SHA-256")]
    public async Task Authenticates_with_a_non_ascii_password(string name)
    {
        var mechanism = Create(name, "intl");

        var (result, failure) = await AuthenticateAsync(mechanism, initialResponse: true);

        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.Null);
            Assert.That(result, Does.StartWith("a OK"), Server.LogTail());
        });
    }

    [TestCase("PLAIN")]
    [TestCase("SCRAM-SHA-1")]
    [TestCase("SCRAM-SHA-256")]
    public async Task Authenticates_a_user_name_that_needs_escaping(string name)
    {
        var mechanism = Create(name, "odd,name=x");

        var (result, failure) = await AuthenticateAsync(mechanism, initialResponse: true);

        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.Null);
            Assert.That(result, Does.StartWith("a OK"), Server.LogTail());
        });
    }

    [TestCase("SCRAM-SHA-1")]
    [TestCase("SCRAM-SHA-256")]
    public async Task A_wrong_SCRAM_password_is_refused_and_the_server_stays_unproven(string name)
    {
        var mechanism = SaslMechanismFactory.Create(name, new NetworkCredential("saslbob", "wrong"), Server.Host)!;

        var (result, _) = await AuthenticateAsync(mechanism, initialResponse: true);

        Assert.Multiple(() =>
        {
            Assert.That(result, Does.StartWith("a NO"));
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    private SaslMechanism Create(string name, string user) =>
        SaslMechanismFactory.Create(name, new NetworkCredential(user, Users[user]), Server.Host)!;

    // Returns the tagged completion line and any exception the mechanism threw (after which the exchange is cancelled).
    private async Task<(string Result, Exception? Failure)> AuthenticateAsync(SaslMechanism mechanism, bool initialResponse)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = timeout.Token;
        using var client = new TcpClient();
        await client.ConnectAsync(Server.Host, Server.Port, token);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var greeting = await reader.ReadLineAsync(token);
        Assert.That(greeting, Does.Contain("SASL-IR").And.Contain("AUTH=" + mechanism.Name));

        var command = "a AUTHENTICATE " + mechanism.Name;
        if (initialResponse && mechanism.SupportsInitialResponse)
        {
            var initial = mechanism.GetInitialResponse();
            command += " " + (initial.Length == 0 ? "=" : Convert.ToBase64String(initial));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), token);
        Exception? failure = null;
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (line.StartsWith("a ", StringComparison.Ordinal))
            {
                return (line, failure);
            }

            if (!line.StartsWith('+'))
            {
                continue;
            }

            string answer;
            try
            {
                answer = Convert.ToBase64String(mechanism.Respond(Convert.FromBase64String(line[1..].Trim())));
            }
            catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or InvalidOperationException)
            {
                failure = ex;
                answer = "*";
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer + "\r\n"), token);
        }

        throw new IOException("Dovecot closed the connection.");
    }
}

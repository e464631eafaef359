using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using ImapClient.TestServer;

namespace ImapClient.Tests.Infrastructure;

/// <summary>Checks the harness itself over raw sockets, so a failure here is never the library's.</summary>
public class HarnessTests : DovecotTests
{
    private static DovecotServer Server => DovecotFixture.Server;

    [Test]
    [CancelAfter(10_000)]
    public async Task Plain_port_greets_with_OK(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Server.Host, Server.Port, cancellationToken);
        using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);

        var greeting = await reader.ReadLineAsync(cancellationToken);

        Assert.That(greeting, Does.StartWith("* OK"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Login_as_mrc_then_select_INBOX_reports_18_EXISTS(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Server.Host, Server.Port, cancellationToken);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await reader.ReadLineAsync(cancellationToken);

        var login = await ExchangeAsync(stream, reader, "a1", $"LOGIN {Rfc3501Seed.User} {Rfc3501Seed.Password}", cancellationToken);
        var select = await ExchangeAsync(stream, reader, "a2", "SELECT INBOX", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(login[^1], Does.StartWith("a1 OK"));
            Assert.That(select, Does.Contain("* 18 EXISTS"));
            Assert.That(select[^1], Does.StartWith("a2 OK"));
        });
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Tls_port_handshake_validates_against_the_harness_certificate_and_greets(
        CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Server.Host, Server.TlsPort, cancellationToken);
        using var tls = new SslStream(client.GetStream());
        var pinnedCertificateSeen = false;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                pinnedCertificateSeen = certificate?.GetRawCertData().AsSpan().SequenceEqual(Server.Certificate.RawData) == true,
        };

        await tls.AuthenticateAsClientAsync(options, cancellationToken);
        using var reader = new StreamReader(tls, Encoding.ASCII);
        var greeting = await reader.ReadLineAsync(cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(pinnedCertificateSeen, Is.True);
            Assert.That(tls.IsAuthenticated, Is.True);
            Assert.That(greeting, Does.StartWith("* OK"));
        });
    }

    private static async Task<List<string>> ExchangeAsync(
        Stream stream, StreamReader reader, string tag, string command, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{tag} {command}\r\n"), cancellationToken);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                break;
            }
        }

        return lines;
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImapClient.Tests.Security;

/// <summary>STARTTLS required against a server that does not offer it: refused before any credential.</summary>
public class SecurityModeTests
{
    [Test]
    public async Task StartTlsRequired_without_STARTTLS_fails_before_anything_but_the_greeting_is_exchanged()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.WriteAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] no TLS here\r\n"u8.ToArray());
            var received = new MemoryStream();
            var buffer = new byte[1024];
            int n;
            while ((n = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, n);
            }

            return Encoding.ASCII.GetString(received.ToArray());
        });

        var ex = Assert.ThrowsAsync<ImapConnectionException>(() =>
            ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.StartTlsRequired));
        Assert.That(ex!.Message, Does.Contain("STARTTLS"));
        Assert.That(await serving.WaitAsync(TimeSpan.FromSeconds(10)), Is.Empty, "the client sent nothing at all");
    }

    [Test]
    public async Task StartTlsWhenAvailable_without_STARTTLS_stays_unencrypted()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.WriteAsync("* OK [CAPABILITY IMAP4rev1] no TLS here\r\n"u8.ToArray());
            var reader = new StreamReader(stream, Encoding.ASCII);
            var line = await reader.ReadLineAsync();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{line!.Split(' ')[0]} OK\r\n"));
            return line;
        });

        await using var imap = await ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.StartTlsWhenAvailable);
        Assert.That(imap.IsEncrypted, Is.False);
        await imap.NoopAsync();
        Assert.That(await serving.WaitAsync(TimeSpan.FromSeconds(10)), Does.EndWith(" NOOP"));
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Security;

/// <summary>Implicit TLS that cannot start (a plaintext server, a server that closes) fails as a connection error.</summary>
[TestFixture]
public class ImplicitTlsFailureTests
{
    [Test]
    public async Task Implicit_TLS_against_a_plaintext_server_throws_ImapConnectionException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptSocketAsync();
        var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.ImplicitTls);
        using var peer = await accepting;
        peer.Send(Encoding.ASCII.GetBytes("* OK [CAPABILITY IMAP4rev1] ready\r\n"));
        var ex = await CatchAsync(connecting);
        TestContext.Out.WriteLine($"N: {ex?.GetType()}: {ex?.Message}");
        Assert.That(ex, Is.InstanceOf<ImapConnectionException>());
    }

    [Test]
    public async Task Implicit_TLS_to_a_server_that_closes_during_the_handshake_throws_ImapConnectionException()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptSocketAsync();
        var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.ImplicitTls);
        using var peer = await accepting;
        peer.Shutdown(SocketShutdown.Both);
        peer.Close();
        var ex = await CatchAsync(connecting);
        TestContext.Out.WriteLine($"N2: {ex?.GetType()}: {ex?.Message}");
        Assert.That(ex, Is.InstanceOf<ImapConnectionException>());
    }
}

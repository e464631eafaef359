using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>
/// A server that accepts and says nothing (typically an implicit-TLS port spoken to in plaintext, which waits for a
/// TLS handshake) fails the connect after the greeting timeout, with a message that names the likely cause.
/// </summary>
public class GreetingTimeoutTests
{
    private static readonly TimeSpan GreetingTimeout = new ImapConnectionOptions().GreetingTimeout;

    [Test]
    public void The_greeting_timeout_is_shorter_than_the_connect_timeout_by_default()
    {
        var options = new ImapConnectionOptions();
        Assert.That(options.GreetingTimeout, Is.EqualTo(TimeSpan.FromSeconds(15)));
        Assert.That(options.GreetingTimeout, Is.LessThan(options.ConnectTimeout));
        Assert.That(options.TimeProvider, Is.SameAs(TimeProvider.System));
    }

    [TestCase(ImapSecurity.None)]
    [TestCase(ImapSecurity.StartTlsRequired)]
    [TestCase(ImapSecurity.StartTlsWhenAvailable)]
    public async Task A_silent_server_without_TLS_fails_after_the_greeting_timeout_suggesting_implicit_TLS(ImapSecurity security)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepting = listener.AcceptSocketAsync();
        var clock = new TestClock();

        var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, security, Options(clock));
        using var peer = await accepting.WaitAsync(Patience);
        var ex = await WaitOutAsync(clock, connecting);

        Assert.That(ex, Is.TypeOf<TimeoutException>(), ex?.ToString());
        Assert.That(ex!.Message, Is.EqualTo(
            $"127.0.0.1:{port} sent no greeting within 00:00:15. A server that stays silent on a connection without TLS is usually "
            + "listening for implicit TLS (as on port 993): connect with ImapSecurity.ImplicitTls."));
    }

    [Test]
    public async Task A_silent_server_over_implicit_TLS_fails_after_the_greeting_timeout_without_the_hint()
    {
        using var certificate = TestCertificates.SelfSigned();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            // Completes the handshake, then says nothing.
            var socket = await listener.AcceptSocketAsync();
            var tls = new SslStream(new NetworkStream(socket, ownsSocket: true));
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate });
            return tls;
        });
        var clock = new TestClock();
        var options = Options(clock);
        options.ServerCertificateValidationCallback = (_, _, _, _) => true;

        var connecting = ImapConnection.ConnectAsync("127.0.0.1", port, ImapSecurity.ImplicitTls, options);
        await using var server = await serving.WaitAsync(Patience);
        var ex = await WaitOutAsync(clock, connecting);

        Assert.That(ex, Is.TypeOf<TimeoutException>(), ex?.ToString());
        Assert.That(ex!.Message, Is.EqualTo($"127.0.0.1:{port} sent no greeting within 00:00:15."));
    }

    [Test]
    public async Task A_silent_in_memory_server_names_no_address_and_the_timeout_is_the_options()
    {
        await using var server = new ScriptedServer();
        var clock = new TestClock();
        var options = new ImapConnectionOptions { TimeProvider = clock, GreetingTimeout = TimeSpan.FromSeconds(3) };

        var connecting = ImapConnection.ConnectAsync(server.ClientPipe, options);
        clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        await AssertPendingAsync(connecting, "the greeting may still come");
        var ex = await clock.AdvanceUntilDoneAsync(connecting, TimeSpan.FromMilliseconds(100));

        Assert.That(ex, Is.TypeOf<TimeoutException>());
        Assert.That(ex!.Message, Does.StartWith("The server sent no greeting within 00:00:03. ").And.Contain("ImapSecurity.ImplicitTls"));
    }

    /// <summary>
    /// Options on the fake clock. No connect timeout: the greeting timer starts once TCP (and TLS) are up, a moment the
    /// test cannot see, so a connect timer running from before would race it on a slow machine.
    /// </summary>
    internal static ImapConnectionOptions Options(TestClock clock) =>
        new() { TimeProvider = clock, ConnectTimeout = Timeout.InfiniteTimeSpan };

    /// <summary>Moves the clock to just short of the greeting timeout (the connect must still wait), then past it.</summary>
    internal static async Task<Exception?> WaitOutAsync(TestClock clock, Task connecting)
    {
        // The greeting timer started at this time or later, so it cannot have run out.
        clock.Advance(GreetingTimeout - TimeSpan.FromMilliseconds(1));
        await AssertPendingAsync(connecting, "nothing fails before the greeting timeout");
        return await clock.AdvanceUntilDoneAsync(connecting, TimeSpan.FromMilliseconds(100));
    }
}

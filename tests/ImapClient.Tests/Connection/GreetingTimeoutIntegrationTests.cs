using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Connection;

/// <summary>The newcomer's mistake against a real server: plaintext to Dovecot's implicit-TLS port.</summary>
public class GreetingTimeoutIntegrationTests : DovecotTests
{
    [Test]
    public async Task Plaintext_to_Dovecots_implicit_TLS_port_fails_after_the_greeting_timeout_suggesting_implicit_TLS()
    {
        var dovecot = DovecotFixture.Server;
        var clock = new TestClock();
        var connecting = ImapConnection.ConnectAsync(dovecot.Host, dovecot.TlsPort, ImapSecurity.None, GreetingTimeoutTests.Options(clock));

        var ex = await GreetingTimeoutTests.WaitOutAsync(clock, connecting);

        Assert.That(ex, Is.TypeOf<TimeoutException>(), ex?.ToString());
        Assert.That(ex!.Message, Is.EqualTo(
            $"{dovecot.Host}:{dovecot.TlsPort} sent no greeting within 00:00:15. A server that stays silent on a connection without TLS "
            + "is usually listening for implicit TLS (as on port 993): connect with ImapSecurity.ImplicitTls."));
    }
}

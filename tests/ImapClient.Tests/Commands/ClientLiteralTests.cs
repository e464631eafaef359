using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Commands;

/// <summary>How the client sends strings: atoms, quoted strings with escapes, and literals that wait for the server's <c>+</c>.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class ClientLiteralTests(Delivery delivery)
{
    [Test]
    public async Task A_password_with_a_space_a_quote_and_a_backslash_goes_as_an_escaped_quoted_string()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var login = imap.LoginAsync("joe", "se cr\"et\\");
        var tag = await server.ExpectCommandAsync("LOGIN joe \"se cr\\\"et\\\\\"");
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");

        await login.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task An_empty_password_goes_as_an_empty_quoted_string()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var login = imap.LoginAsync("joe", "");
        var tag = await server.ExpectCommandAsync("LOGIN joe \"\"");
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);
    }

    [Test]
    public async Task A_non_ASCII_user_name_goes_as_a_synchronizing_literal_sent_only_after_the_continuation()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var login = imap.LoginAsync("j\u00f6e", "secret");
        var tag = await server.ExpectCommandAsync("LOGIN {4}");
        var rest = await AssertClientSilentAsync(server, "the literal's bytes must wait for the server's +");

        await server.SendAsync("+ go ahead\r\n");
        Assert.That(await rest.WaitAsync(Patience), Is.EqualTo("j\u00f6e secret\r\n"));
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task A_user_name_with_CR_LF_goes_as_a_literal_and_cannot_end_the_command_early()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var login = imap.LoginAsync("jo\r\ne", "pass word");
        var tag = await server.ExpectCommandAsync("LOGIN {5}");
        var rest = await AssertClientSilentAsync(server, "the literal's bytes must wait for the server's +");

        await server.SendAsync("+ Ready for additional command text\r\n");
        Assert.That(await rest.WaitAsync(Patience), Is.EqualTo("jo\r\n"));
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("e \"pass word\"\r\n"));
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);
    }

    [Test]
    public async Task Two_literals_in_one_command_each_wait_for_their_own_continuation()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var login = imap.LoginAsync("j\u00f6e", "p\u00e4ss");
        var tag = await server.ExpectCommandAsync("LOGIN {4}");
        var next = await AssertClientSilentAsync(server, "the first literal waits for +");
        await server.SendAsync("+ go ahead\r\n");
        Assert.That(await next.WaitAsync(Patience), Is.EqualTo("j\u00f6e {5}\r\n"));
        next = await AssertClientSilentAsync(server, "the second literal waits for its own +");
        await server.SendAsync("+ go ahead\r\n");
        Assert.That(await next.WaitAsync(Patience), Is.EqualTo("p\u00e4ss\r\n"));
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);
    }

    [Test]
    public async Task With_LITERAL_PLUS_the_literal_goes_non_synchronizing_without_waiting()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n");

        var login = imap.LoginAsync("j\u00f6e", "secret");
        var tag = await server.ExpectCommandAsync("LOGIN {4+}");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("j\u00f6e secret\r\n"), "sent without a continuation");
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);
    }

    [Test]
    public async Task With_LITERAL_MINUS_a_small_literal_goes_non_synchronizing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 LITERAL-] ready\r\n");

        var login = imap.LoginAsync("j\u00f6e", "secret");
        var tag = await server.ExpectCommandAsync("LOGIN {4+}");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("j\u00f6e secret\r\n"));
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);
    }

    [Test]
    public async Task A_tagged_NO_instead_of_the_continuation_fails_the_LOGIN_without_sending_the_literal()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var login = imap.LoginAsync("j\u00f6e", "secret");
        var tag = await server.ExpectCommandAsync("LOGIN {4}");
        await server.SendAsync($"{tag} NO [UTF8] 8-bit user names are not accepted\r\n");

        var ex = await CatchAsync(login);
        Assert.That(ex, Is.TypeOf<ImapAuthenticationException>());
        Assert.That(((ImapAuthenticationException)ex!).ResponseText, Is.EqualTo("8-bit user names are not accepted"));

        // The next line on the wire is a new command, not the abandoned literal.
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        Assert.That(noopTag, Is.EqualTo("A0002"));
        await server.SendAsync($"{noopTag} OK NOOP completed\r\n");
        await noop.WaitAsync(Patience);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
    }

    [Test]
    public async Task A_command_issued_while_a_literal_waits_for_its_continuation_is_not_interleaved()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync();

        var login = imap.LoginAsync("j\u00f6e", "secret");
        var tag = await server.ExpectCommandAsync("LOGIN {4}");
        var capability = imap.CapabilityAsync();
        var rest = await AssertClientSilentAsync(server, "nothing may be written into the middle of the LOGIN");

        await server.SendAsync("+ go ahead\r\n");
        Assert.That(await rest.WaitAsync(Patience), Is.EqualTo("j\u00f6e secret\r\n"));
        await server.SendAsync($"{tag} OK LOGIN completed\r\n");
        await login.WaitAsync(Patience);

        var capabilityTag = await server.ExpectCommandAsync("CAPABILITY");
        await server.SendAsync($"* CAPABILITY IMAP4rev1\r\n{capabilityTag} OK done\r\n");
        Assert.That((await capability.WaitAsync(Patience)).Imap4Rev1, Is.True);
    }
}

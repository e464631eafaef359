using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Protocol;

/// <summary>The human-readable text of a status response is text, whatever it ends with.</summary>
[TestFixture]
public class ResponseTextTests
{
    // The defect this guards: resp-text ending in {n} is taken for a literal.
    [Test]
    public async Task A_status_text_ending_in_braces_is_not_a_literal()
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        var select = imap.SelectAsync("x{2}");
        var tag = await server.ExpectCommandAsync("SELECT \"x{2}\"");
        await server.SendAsync($"{tag} NO Mailbox doesn't exist: x{{2}}\r\n");
        var ex = await CatchAsync(select);
        TestContext.Out.WriteLine($"F: {ex?.GetType()}: {ex?.Message}");
        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        var ex2 = await CatchAsync(noop);
        TestContext.Out.WriteLine($"F noop: {ex2?.GetType()}: {ex2?.Message}");
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
    }
}

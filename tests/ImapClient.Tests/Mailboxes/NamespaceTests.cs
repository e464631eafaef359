using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Mailboxes;

/// <summary>NAMESPACE transcripts (RFC 2342).</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class NamespaceTests(Delivery delivery)
{
    [Test]
    public async Task NAMESPACE_returns_personal_other_and_shared_with_NIL_parts_empty()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 NAMESPACE] ready\r\n");

        var namespaces = imap.NamespaceAsync();
        var tag = await server.ExpectCommandAsync("NAMESPACE");
        await server.SendAsync($"* NAMESPACE ((\"\" \"/\")) NIL ((\"Public/\" \"/\")(\"#&AOQ-ffentlich.\" \".\"))\r\n{tag} OK Namespace completed\r\n");
        var result = await namespaces.WaitAsync(Patience);

        Assert.That(result.Personal.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("", (char?)'/') }));
        Assert.That(result.OtherUsers, Is.Empty);
        Assert.That(result.Shared.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("Public/", (char?)'/'), ("#äffentlich.", (char?)'.') }));
    }

    [Test]
    public async Task IMAP4rev2_implies_NAMESPACE_and_a_flat_namespace_has_no_delimiter()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev2] ready\r\n");

        var namespaces = imap.NamespaceAsync();
        var tag = await server.ExpectCommandAsync("NAMESPACE");
        await server.SendAsync($"* NAMESPACE ((\"\" NIL)) ((\"~\" \"/\")) NIL\r\n{tag} OK done\r\n");
        var result = await namespaces.WaitAsync(Patience);
        Assert.That(result.Personal.Single().Delimiter, Is.Null);
        Assert.That(result.OtherUsers.Single().Prefix, Is.EqualTo("~"));
        Assert.That(result.Shared, Is.Empty);
    }

    [Test]
    public async Task Without_the_capability_NAMESPACE_throws_before_anything_is_sent()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var ex = await CatchAsync(imap.NamespaceAsync());
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain("NAMESPACE"));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task A_BAD_carries_the_servers_text()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 NAMESPACE] ready\r\n");

        var namespaces = imap.NamespaceAsync();
        var tag = await server.ExpectCommandAsync("NAMESPACE");
        await server.SendAsync($"{tag} BAD Namespaces are off today\r\n");
        var ex = await CatchAsync(namespaces);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        Assert.That(((ImapCommandException)ex!).ResponseText, Is.EqualTo("Namespaces are off today"));
    }

    [Test]
    public async Task NAMESPACE_before_signing_in_throws_and_sends_nothing()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 NAMESPACE] ready\r\n");

        Assert.That(await CatchAsync(imap.NamespaceAsync()), Is.TypeOf<InvalidOperationException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }
}

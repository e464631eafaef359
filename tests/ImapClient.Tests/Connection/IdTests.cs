using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Connection;

/// <summary>ID (RFC 2971): the client's fields written as strings and NIL, the server's read back, NIL included.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class IdTests(Delivery delivery)
{
    [Test]
    public async Task ID_sends_the_fields_with_NIL_values_and_returns_the_servers_case_insensitively()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 ID] ready\r\n");

        var id = imap.IdAsync(new Dictionary<string, string?> { ["name"] = "ImapClient", ["version"] = "0.1 \"beta\"", ["os"] = null });
        var tag = await server.ExpectCommandAsync("ID (\"name\" \"ImapClient\" \"version\" \"0.1 \\\"beta\\\"\" \"os\" NIL)");
        await server.SendAsync($"* ID (\"Name\" \"Dovecot\" \"version\" NIL \"support-url\" {{19}}\r\nhttps://example.org \"name\" \"again\")\r\n{tag} OK ID completed\r\n");
        var fields = await id.WaitAsync(Patience);

        Assert.That(fields, Has.Count.EqualTo(3));
        Assert.That((fields["name"], fields["VERSION"], fields["support-url"]), Is.EqualTo(("Dovecot", (string?)null, "https://example.org")));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated), "ID works before signing in");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task ID_NIL_both_ways(bool emptyDictionary)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 ID] ready\r\n");

        var id = imap.IdAsync(emptyDictionary ? new Dictionary<string, string?>() : null);
        var tag = await server.ExpectCommandAsync("ID NIL");
        await server.SendAsync($"* ID NIL\r\n{tag} OK ID completed\r\n");
        Assert.That(await id.WaitAsync(Patience), Is.Empty);

        // A server that answers with no * ID at all (against the RFC) gives the same.
        id = imap.IdAsync(null);
        tag = await server.ExpectCommandAsync("ID NIL");
        await server.SendAsync($"* ID ()\r\n{tag} OK ID completed\r\n");
        Assert.That(await id.WaitAsync(Patience), Is.Empty);
    }

    [Test]
    public async Task Non_ASCII_values_go_as_literals_before_UTF8_is_enabled()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 ID LITERAL+] ready\r\n");

        var id = imap.IdAsync(new Dictionary<string, string?> { ["vendor"] = "Müller" });
        var tag = await server.ExpectCommandAsync("ID (\"vendor\" {7+}");
        Assert.That(await server.ReadLineAsync(), Is.EqualTo("Müller)\r\n"));
        await server.SendAsync($"* ID (\"name\" \"X\")\r\n{tag} OK done\r\n");
        Assert.That((await id.WaitAsync(Patience))["name"], Is.EqualTo("X"));
    }

    public static IEnumerable<TestCaseData> Invalid()
    {
        yield return new TestCaseData(Enumerable.Range(0, 31).ToDictionary(i => $"f{i}", i => (string?)"v")).SetArgDisplayNames("31 fields");
        yield return new TestCaseData(new Dictionary<string, string?> { [new string('n', 31)] = "v" }).SetArgDisplayNames("long name");
        yield return new TestCaseData(new Dictionary<string, string?> { [new string('ü', 16)] = "v" }).SetArgDisplayNames("name over 30 bytes in UTF-8");
        yield return new TestCaseData(new Dictionary<string, string?> { [""] = "v" }).SetArgDisplayNames("empty name");
        yield return new TestCaseData(new Dictionary<string, string?> { ["name"] = new string('v', 1025) }).SetArgDisplayNames("long value");
        yield return new TestCaseData(new Dictionary<string, string?>(StringComparer.Ordinal) { ["name"] = "a", ["NAME"] = "b" }).SetArgDisplayNames("name twice");
        yield return new TestCaseData(new Dictionary<string, string?> { ["name"] = "a\0b" }).SetArgDisplayNames("NUL");
    }

    [TestCaseSource(nameof(Invalid))]
    public async Task Fields_that_break_RFC_2971s_limits_are_refused_before_sending(Dictionary<string, string?> fields)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 ID] ready\r\n");
        Assert.That(await CatchAsync(imap.IdAsync(fields)), Is.TypeOf<ArgumentException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Thirty_fields_of_the_longest_size_are_accepted()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 ID] ready\r\n");
        var fields = Enumerable.Range(10, 30).ToDictionary(i => new string('n', 28) + i, _ => (string?)new string('v', 1024));

        var id = imap.IdAsync(fields);
        var (tag, command) = SplitTag(await server.ReadLineAsync());
        Assert.That(command, Does.StartWith($"ID (\"{new string('n', 28)}10\" \"{new string('v', 1024)}\""));
        await server.SendAsync($"* ID NIL\r\n{tag} OK done\r\n");
        await id.WaitAsync(Patience);
    }

    [Test]
    public async Task ID_without_the_capability_is_refused_before_sending()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev2] ready\r\n");
        var ex = await CatchAsync(imap.IdAsync(null));
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain("ID"));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task Unknown_capabilities_are_asked_for_first_and_a_refusal_carries_the_servers_words()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK ready\r\n");

        var id = imap.IdAsync(null);
        var tag = await server.ExpectCommandAsync("CAPABILITY");
        await server.SendAsync($"* CAPABILITY IMAP4rev1 ID\r\n{tag} OK done\r\n");
        tag = await server.ExpectCommandAsync("ID NIL");
        await server.SendAsync($"{tag} BAD Too many IDs\r\n");
        var ex = (ImapCommandException?)await CatchAsync(id);
        Assert.That((ex!.CommandName, ex.ResponseText), Is.EqualTo(("ID", "Too many IDs")));
    }

    [Test]
    public async Task Two_IDs_never_run_side_by_side()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 ID] ready\r\n");

        var first = imap.IdAsync(new Dictionary<string, string?> { ["name"] = "one" });
        var firstTag = await server.ExpectCommandAsync("ID (\"name\" \"one\")");
        var second = imap.IdAsync(new Dictionary<string, string?> { ["name"] = "two" });
        var next = await AssertClientSilentAsync(server, "the * ID answer names no command");
        await server.SendAsync($"* ID (\"n\" \"1\")\r\n{firstTag} OK done\r\n");
        Assert.That((await first.WaitAsync(Patience))["n"], Is.EqualTo("1"));
        var (secondTag, command) = SplitTag(await next.WaitAsync(Patience));
        Assert.That(command, Is.EqualTo("ID (\"name\" \"two\")"));
        await server.SendAsync($"* ID (\"n\" \"2\")\r\n{secondTag} OK done\r\n");
        Assert.That((await second.WaitAsync(Patience))["n"], Is.EqualTo("2"));
    }
}

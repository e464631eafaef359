using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Mailboxes;

/// <summary>CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE: names encoded as modified UTF-7, refusals with the server's words.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class MailboxManagementTests(Delivery delivery)
{
    private const string Russian = "Tom & Jerry/Входящие";
    private const string RussianWire = "\"Tom &- Jerry/&BBIERQQ+BDQETwRJBDgENQ-\"";

    public static IEnumerable<TestCaseData> Commands()
    {
        yield return new TestCaseData((Func<ImapConnection, Task<ImapStatusResponse>>)(i => i.CreateAsync(Russian)), $"CREATE {RussianWire}").SetArgDisplayNames("CREATE");
        yield return new TestCaseData((Func<ImapConnection, Task<ImapStatusResponse>>)(i => i.DeleteAsync("台北&")), "DELETE &U,BTFw-&-").SetArgDisplayNames("DELETE");
        yield return new TestCaseData((Func<ImapConnection, Task<ImapStatusResponse>>)(i => i.RenameAsync(Russian, "Archiv/Entwürfe")),
            $"RENAME {RussianWire} Archiv/Entw&APw-rfe").SetArgDisplayNames("RENAME");
        yield return new TestCaseData((Func<ImapConnection, Task<ImapStatusResponse>>)(i => i.SubscribeAsync("📧 Mail")), "SUBSCRIBE \"&2D3c5w- Mail\"").SetArgDisplayNames("SUBSCRIBE");
        yield return new TestCaseData((Func<ImapConnection, Task<ImapStatusResponse>>)(i => i.UnsubscribeAsync("a\"b")), "UNSUBSCRIBE \"a\\\"b\"").SetArgDisplayNames("UNSUBSCRIBE");
    }

    [TestCaseSource(nameof(Commands))]
    public async Task Each_command_writes_its_names_encoded_and_returns_the_servers_OK(Func<ImapConnection, Task<ImapStatusResponse>> call, string expected)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var running = call(imap);
        var tag = await server.ExpectCommandAsync(expected);
        await server.SendAsync($"{tag} OK Done it\r\n");
        var ok = await running.WaitAsync(Patience);
        Assert.That((ok.Status, ok.Text), Is.EqualTo((ImapStatus.Ok, "Done it")));
    }

    [TestCaseSource(nameof(Commands))]
    public async Task Each_command_fails_with_the_servers_code_and_text(Func<ImapConnection, Task<ImapStatusResponse>> call, string expected)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var running = call(imap);
        var tag = await server.ExpectCommandAsync(expected);
        await server.SendAsync($"{tag} NO [ALREADYEXISTS] Mailbox already exists\r\n");
        var ex = await CatchAsync(running);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        var failure = (ImapCommandException)ex!;
        Assert.That((failure.CommandName, failure.ResponseCode?.Name, failure.ResponseText),
            Is.EqualTo((expected.Split(' ')[0], "ALREADYEXISTS", "Mailbox already exists")));
        Assert.That(failure.Message, Does.Contain("Mailbox already exists"));
    }

    [TestCaseSource(nameof(Commands))]
    public async Task Each_command_before_signing_in_throws_and_sends_nothing(Func<ImapConnection, Task<ImapStatusResponse>> call, string expected)
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK ready\r\n");

        var ex = await CatchAsync(call(imap));
        Assert.That(ex, Is.TypeOf<InvalidOperationException>());
        // Named as the caller knows it (CreateAsync for CREATE …), with what to do first.
        Assert.That(ex!.Message, Does.StartWith(expected.Split(' ')[0]).IgnoreCase.And.Contain("Async needs a signed-in connection: sign in first"));
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task A_name_with_a_line_break_cannot_end_the_command_early()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        // RFC 9051 section 5.1: control characters are not allowed in names, so the name is refused, never encoded.
        Assert.That(await CatchAsync(imap.CreateAsync("evil\r\nA0002 DELETE INBOX")), Is.TypeOf<ArgumentException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");
    }

    [Test]
    public async Task CREATE_with_special_use_writes_USE_when_CREATE_SPECIAL_USE_is_offered()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 CREATE-SPECIAL-USE] ready\r\n");

        var create = imap.CreateAsync("Gesendet", MailboxAttributes.Sent | MailboxAttributes.Archive);
        var tag = await server.ExpectCommandAsync("CREATE Gesendet (USE (\\Archive \\Sent))");
        await server.SendAsync($"{tag} OK done\r\n");
        await create.WaitAsync(Patience);

        create = imap.CreateAsync("Nope", MailboxAttributes.All);
        tag = await server.ExpectCommandAsync("CREATE Nope (USE (\\All))");
        await server.SendAsync($"{tag} NO [USEATTR] \\All not supported\r\n");
        var ex = (ImapCommandException?)await CatchAsync(create);
        Assert.That(ex!.ResponseCode?.Name, Is.EqualTo("USEATTR"));
    }

    [Test]
    public async Task CREATE_with_special_use_throws_without_the_capability_or_with_other_attributes()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 SPECIAL-USE] ready\r\n");

        var ex = await CatchAsync(imap.CreateAsync("Gesendet", MailboxAttributes.Sent));
        Assert.That(ex, Is.TypeOf<NotSupportedException>());
        Assert.That(ex!.Message, Does.Contain("CREATE-SPECIAL-USE"));
        Assert.That(await CatchAsync(imap.CreateAsync("Gesendet", MailboxAttributes.Sent | MailboxAttributes.NoSelect)), Is.TypeOf<ArgumentException>());
        await AssertNothingWasSentAsync(server, imap, "A0001");

        var plain = imap.CreateAsync("Gesendet", MailboxAttributes.None);
        var tag = await server.ExpectCommandAsync("CREATE Gesendet");
        await server.SendAsync($"{tag} OK done\r\n");
        await plain.WaitAsync(Patience);
    }

    [Test]
    public async Task Mailbox_commands_run_side_by_side()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n");

        var create = imap.CreateAsync("A");
        var createTag = await server.ExpectCommandAsync("CREATE A");
        var subscribe = imap.SubscribeAsync("A");
        var subscribeTag = await server.ExpectCommandAsync("SUBSCRIBE A");
        await server.SendAsync($"{createTag} OK created\r\n{subscribeTag} OK subscribed\r\n");
        Assert.That((await create.WaitAsync(Patience)).Text, Is.EqualTo("created"));
        Assert.That((await subscribe.WaitAsync(Patience)).Text, Is.EqualTo("subscribed"));
    }
}

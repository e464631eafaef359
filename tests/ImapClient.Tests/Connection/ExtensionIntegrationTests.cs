using ImapClient.Tests.Infrastructure;
namespace ImapClient.Tests.Connection;

/// <summary>ENABLE, ID and keywords against the real Dovecot (testuser), on mailboxes of each test's own.</summary>
public class ExtensionIntegrationTests : DovecotTests
{
    [Test]
    public async Task ENABLE_reports_what_the_server_turned_on_and_non_Latin_names_round_trip_either_way()
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var offersUtf8 = imap.Capabilities.Contains("UTF8=ACCEPT");

        var enabled = await imap.EnableAsync(["UTF8=ACCEPT", "CONDSTORE", "X-NOT-A-THING"]);
        Assert.That(enabled.Contains("CONDSTORE"), Is.True);
        Assert.That(enabled.Contains("X-NOT-A-THING"), Is.False);

        // Dovecot 2.3 does not implement RFC 6855: it enables nothing for UTF8=ACCEPT, and names must stay modified UTF-7.
        Assert.That(enabled.Contains("UTF8=ACCEPT"), Is.EqualTo(offersUtf8));
        Assert.That(imap.EnabledCapabilities.All, Is.EquivalentTo(enabled.All));

        var name = "U" + Guid.NewGuid().ToString("N")[..10] + " Tom & Jerry/Входящие 台北 📧";
        await imap.CreateAsync(name);
        Assert.That((await imap.ListAsync("", name)).Select(m => m.Name), Is.EqualTo(new[] { name }));
        Assert.That((await imap.StatusAsync(name, StatusItems.Messages)).Mailbox, Is.EqualTo(name));

        var source = IntegrationConnections.SeedMailbox(2);
        await imap.SelectAsync(source);
        var copy = await imap.CopyAsync(SequenceSet.All, name);
        Assert.That(copy.UidMap, Has.Count.EqualTo(2));
        var selected = await imap.SelectAsync(name);
        Assert.That((selected.Name, selected.Exists, selected.UidValidity), Is.EqualTo((name, 2u, copy.UidValidity)));
        await imap.UnselectAsync();
        await imap.DeleteAsync(name);
        Assert.That(await imap.ListAsync("", name), Is.Empty);
    }

    [Test]
    public async Task ENABLE_IMAP4rev2_on_a_rev1_server_changes_nothing()
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var enabled = await imap.EnableAsync("IMAP4rev2");
        Assert.That(enabled.All, Is.Empty);
        var inbox = await imap.ExamineAsync("INBOX");
        var search = await imap.SearchAsync(SearchQuery.All);
        Assert.That(search, Has.Count.EqualTo(inbox.Exists));
    }

    [Test]
    public async Task ID_exchanges_identities_before_and_after_signing_in()
    {
        await using var imap = await IntegrationConnections.ConnectAsync();
        var server = await imap.IdAsync(new Dictionary<string, string?>
        {
            ["name"] = "ImapClient tests",
            ["version"] = "0.1",
            ["os"] = null,
            ["vendor"] = "Müller & Söhne",
        });
        Assert.That(server["name"], Is.EqualTo("Dovecot"));

        await imap.LoginAsync("testuser", DovecotFixture.Server.Users["testuser"]);
        Assert.That((await imap.IdAsync(null))["NAME"], Is.EqualTo("Dovecot"));
    }

    [Test]
    public async Task Keywords_go_through_APPEND_STORE_FETCH_and_SEARCH_and_PERMANENTFLAGS_allows_new_ones()
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var mailbox = IntegrationConnections.SeedMailbox(3);
        var appended = await imap.AppendAsync(mailbox, new MemoryStream("Subject: appended\r\n\r\nBody\r\n"u8.ToArray()),
            new MessageFlags(SystemFlags.Seen, [MessageKeywords.Forwarded, "Projekt-42"]));

        var info = await imap.SelectAsync(mailbox);
        Assert.That(info.PermanentFlags!.AllowsNewKeywords, Is.True, "Dovecot lets clients create keywords (\\* in PERMANENTFLAGS)");
        Assert.That(info.Flags.Contains("Projekt-42"), Is.True);

        await imap.StoreAsync(SequenceSet.Range(1, 2), StoreAction.Add, new MessageFlags(SystemFlags.Flagged, [MessageKeywords.Junk, "$Label1"]), silent: true);
        await imap.StoreAsync(SequenceSet.Single(2), StoreAction.Remove, new MessageFlags(SystemFlags.None, ["$label1"]), silent: true);

        var flags = (await imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags))).ToDictionary(m => m.Uid!.Value, m => m.Flags!);
        var uids = flags.Keys.Order().ToArray();
        Assert.That(flags[uids[0]].Keywords, Is.EquivalentTo(new[] { "$Junk", "$Label1" }));
        Assert.That(flags[uids[1]].Keywords, Is.EquivalentTo(new[] { "$Junk" }));
        Assert.That((flags[appended.Uid!.Value].System & ~SystemFlags.Recent, flags[appended.Uid!.Value].Keywords),
            Is.EqualTo((SystemFlags.Seen, new[] { "$Forwarded", "Projekt-42" })));

        Assert.That(await imap.UidSearchAsync(SearchQuery.Keyword(MessageKeywords.Junk)), Is.EqualTo(uids[..2]));
        Assert.That(await imap.UidSearchAsync(SearchQuery.Keyword("projekt-42")), Is.EqualTo(new[] { appended.Uid!.Value }));

        // What FETCH returned can be stored back unchanged, onto another message.
        await imap.UidStoreAsync(SequenceSet.Single(uids[2]), StoreAction.Replace, flags[appended.Uid!.Value], silent: true);
        var copied = (await imap.UidFetchAsync(SequenceSet.Single(uids[2]), new FetchRequest(FetchItems.Flags))).Single().Flags;
        Assert.That((copied!.System & ~SystemFlags.Recent, copied.Keywords), Is.EqualTo((SystemFlags.Seen, new[] { "$Forwarded", "Projekt-42" })));
    }
}

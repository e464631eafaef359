using System.Text.Json;
using ImapClient.Sync;
using ImapClient.Tests.Infrastructure;

// In the Integration namespace, so that DovecotFixture serves these tests too.
namespace ImapClient.Tests.Docs;

/// <summary>
/// The main examples of README.md, src/ImapClient/PACKAGE.md and the synchronizer's page, run as a reader runs them
/// (see <see cref="ExampleRunner"/>) against Dovecot over implicit TLS: on an empty mailbox and on a seeded one, not
/// only compiled.
/// </summary>
public class DocsExampleRunTests : DovecotTests
{
    private const string User = "testuser";

    [Test]
    public async Task The_README_example_runs_on_an_empty_mailbox()
    {
        var output = await RunAsync("README.md", "UidSearchAsync(SearchQuery.Unseen)", await EmptyMailboxAsync());

        Assert.That(Programs.Lines(output), Is.EqualTo(new[] { "0 messages" }));
    }

    [Test]
    public async Task The_README_example_lists_the_ten_newest_unseen_messages_and_marks_them_seen()
    {
        var mailbox = IntegrationConnections.SeedMailbox(12);

        var lines = Programs.Lines(await RunAsync("README.md", "UidSearchAsync(SearchQuery.Unseen)", mailbox));

        Assert.That(lines[0], Is.EqualTo("12 messages"));
        Assert.That(lines.Skip(1).Select(l => l.Split(' ')[0]), Is.EqualTo(Enumerable.Range(3, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(lines[^1], Does.EndWith("Message 12"));
        Assert.That(await SeenUidsAsync(mailbox), Is.EqualTo(Enumerable.Range(3, 10).Select(i => (uint)i)));
    }

    [Test]
    public async Task The_package_README_example_runs_on_an_empty_mailbox()
    {
        var folder = Folder();

        var output = await RunAsync("src/ImapClient/PACKAGE.md", "DownloadAsync", await EmptyMailboxAsync(), folder);

        Assert.That(Programs.Lines(output), Is.EqualTo(new[] { "0 messages" }));
        Assert.That(Directory.GetFiles(folder), Is.Empty);
    }

    [Test]
    public async Task The_package_README_example_lists_the_newest_and_saves_the_last_when_UID_1_is_gone()
    {
        var mailbox = IntegrationConnections.SeedMailbox(12);
        await using (var imap = await IntegrationConnections.LoginAsync(User))
        {
            await imap.SelectAsync(mailbox);
            await imap.UidStoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);
            await imap.ExpungeAsync();
        }

        var folder = Folder();
        var lines = Programs.Lines(await RunAsync("src/ImapClient/PACKAGE.md", "DownloadAsync", mailbox, folder));

        Assert.That(lines[0], Is.EqualTo("11 messages"));
        Assert.That(lines.Skip(1).Select(l => l.Split(' ')[0]), Is.EqualTo(Enumerable.Range(3, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var saved = await File.ReadAllTextAsync(Path.Combine(folder, "newest.eml"));
        Assert.That(saved, Does.Contain("Subject: Message 12\r\n").And.EndWith("Body of message 12.\r\n"));
    }

    /// <summary>
    /// The synchronizer example keeps its state in a JSON file: the first run reports every message as new, the next
    /// run reads the state back and reports only what another client changed, and a third run nothing.
    /// </summary>
    [Test]
    public async Task The_synchronizer_example_stores_its_state_as_JSON_and_reads_it_back_on_the_next_run()
    {
        var mailbox = IntegrationConnections.SeedMailbox(4);
        var folder = Folder();

        var first = Programs.Lines(await RunAsync("docs/idle-and-sync.md", "JsonSerializer.DeserializeAsync<MailboxSyncState>", mailbox, folder));
        Assert.That(first, Is.EqualTo(new[] { "new 1: Message 1", "new 2: Message 2", "new 3: Message 3", "new 4: Message 4", "gone: " }));

        await using (var imap = await IntegrationConnections.LoginAsync(User))
        {
            await imap.SelectAsync(mailbox);
            await imap.UidStoreAsync(SequenceSet.Single(2), StoreAction.Add, new MessageFlags(SystemFlags.Flagged, [MessageKeywords.Forwarded]), silent: true);
            await imap.UidStoreAsync(SequenceSet.Single(3), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);
            await imap.ExpungeAsync();
        }

        var second = Programs.Lines(await RunAsync("docs/idle-and-sync.md", "JsonSerializer.DeserializeAsync<MailboxSyncState>", mailbox, folder));
        Assert.That(second, Is.EqualTo(new[] { "flags of 2 now \\Flagged $Forwarded", "gone: 3" }));

        var third = Programs.Lines(await RunAsync("docs/idle-and-sync.md", "JsonSerializer.DeserializeAsync<MailboxSyncState>", mailbox, folder));
        Assert.That(third, Is.EqualTo(new[] { "gone: " }));

        var stored = JsonSerializer.Deserialize<MailboxSyncState>(await File.ReadAllTextAsync(Path.Combine(folder, "inbox-sync.json")))!;
        Assert.That(stored.Messages.Keys.Order(), Is.EqualTo(new uint[] { 1, 2, 4 }));
        Assert.That(stored.Messages[2], Is.EqualTo(new MessageFlags(SystemFlags.Flagged, [MessageKeywords.Forwarded])));
    }

    private static async Task<string> RunAsync(string page, string marker, string mailbox, string? folder = null)
    {
        var server = DovecotFixture.Server;
        var target = new ExampleServer(
            server.Host, server.Port, server.TlsPort, server.Certificate.GetCertHashString(), User, server.Users[User], mailbox);
        var output = await ExampleRunner.RunAsync(ExampleRunner.Block(page, marker), target, folder ?? Folder());
        TestContext.Out.WriteLine(output);
        return output;
    }

    private static string Folder() => Directory.CreateTempSubdirectory("imapclient-example-").FullName;

    private static async Task<string> EmptyMailboxAsync()
    {
        var name = "E" + Guid.NewGuid().ToString("N")[..12];
        await using var imap = await IntegrationConnections.LoginAsync(User);
        await imap.CreateAsync(name);
        return name;
    }

    private static async Task<uint[]> SeenUidsAsync(string mailbox)
    {
        await using var imap = await IntegrationConnections.LoginAsync(User);
        await imap.ExamineAsync(mailbox);
        var all = await imap.UidFetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        return [.. all.Where(m => m.Flags!.Contains(SystemFlags.Seen)).Select(m => m.Uid!.Value).Order()];
    }
}

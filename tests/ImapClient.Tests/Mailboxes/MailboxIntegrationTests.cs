using System.Text;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Mailboxes;

/// <summary>
/// Mailbox commands against the real Dovecot (testuser), each test under a mailbox name prefix of its own so that
/// tests neither see nor disturb each other's mailboxes or the seeded ones.
/// </summary>
public class MailboxIntegrationTests : DovecotTests
{
    private static string UniquePrefix() => "M" + Guid.NewGuid().ToString("N")[..10];

    private static byte[] Message(int i) => Encoding.ASCII.GetBytes(
        $"From: a@example.org\r\nTo: testuser@example.org\r\nSubject: message {i}\r\n\r\nBody {i}.\r\n");

    private static async Task<IReadOnlyList<string>> NamesAsync(ImapConnection imap, string prefix) =>
        [.. (await imap.ListAsync("", prefix + "*")).Select(m => m.Name).Order(StringComparer.Ordinal)];

    [Test]
    public async Task Create_rename_and_delete_round_trip_names_with_non_Latin_letters_and_ampersands()
    {
        var prefix = UniquePrefix();
        var original = $"{prefix} Tom & Jerry/Входящие 台北";
        var renamed = $"{prefix} Überschrift & 日本語 📧";
        await using var imap = await IntegrationConnections.LoginAsync("testuser");

        await imap.CreateAsync(original);
        var listed = await imap.ListAsync("", prefix + "*");
        Assert.That(listed.Select(m => m.Name), Does.Contain(original));
        Assert.That(listed.Single(m => m.Name == original).Delimiter, Is.EqualTo('/'));

        var selected = await imap.SelectAsync(original);
        Assert.That((selected.Exists, imap.State), Is.EqualTo((0u, ImapConnectionState.Selected)), "the name SELECT sends is the one CREATE made");
        await imap.CloseMailboxAsync();

        await imap.RenameAsync(original, renamed);
        var names = await NamesAsync(imap, prefix);
        Assert.That(names, Does.Contain(renamed));
        Assert.That(names, Does.Not.Contain(original));
        Assert.That((await imap.StatusAsync(renamed, StatusItems.Messages)).Mailbox, Is.EqualTo(renamed));

        await imap.DeleteAsync(renamed);
        Assert.That(await NamesAsync(imap, prefix), Does.Not.Contain(renamed));
    }

    [Test]
    public async Task Subscribe_and_unsubscribe_show_in_LSUB_and_in_LIST_SUBSCRIBED()
    {
        var prefix = UniquePrefix();
        var name = $"{prefix} Abonniert & ß";
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        await imap.CreateAsync(name);
        await imap.CreateAsync(prefix + " other");

        await imap.SubscribeAsync(name);
        Assert.That((await imap.LsubAsync("", prefix + "*")).Select(m => m.Name), Is.EqualTo(new[] { name }));
        var subscribed = await imap.ListAsync(new ListRequest { Patterns = [prefix + "*"], Selection = ListSelectionOptions.Subscribed });
        Assert.That(subscribed.Select(m => m.Name), Is.EqualTo(new[] { name }));
        Assert.That(subscribed[0].Attributes.HasFlag(MailboxAttributes.Subscribed), Is.True);
        var all = await imap.ListAsync(new ListRequest { Patterns = [prefix + "*"], Return = ListReturnOptions.Subscribed | ListReturnOptions.Children });
        Assert.That(all.Select(m => (m.Name, m.Attributes.HasFlag(MailboxAttributes.Subscribed))).Order(),
            Is.EqualTo(new[] { (prefix + " other", false), (name, true) }.Order()));
        Assert.That(all.All(m => m.Attributes.HasFlag(MailboxAttributes.HasNoChildren)), Is.True);

        await imap.UnsubscribeAsync(name);
        Assert.That(await imap.LsubAsync("", prefix + "*"), Is.Empty);
    }

    [Test]
    public async Task Special_use_mailboxes_are_listed_with_their_attributes()
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");

        var specialUse = await imap.ListAsync(new ListRequest { Selection = ListSelectionOptions.SpecialUse });
        var byName = specialUse.ToDictionary(m => m.Name, m => m.SpecialUse);
        Assert.That(byName["Sent"], Is.EqualTo(MailboxAttributes.Sent));
        Assert.That(byName["Drafts"], Is.EqualTo(MailboxAttributes.Drafts));
        Assert.That(byName["Trash"], Is.EqualTo(MailboxAttributes.Trash));
        Assert.That(specialUse.Select(m => m.Name), Does.Not.Contain("INBOX"), "the selection option leaves ordinary mailboxes out");

        var returned = await imap.ListAsync(new ListRequest { Patterns = ["Sent", "INBOX"], Return = ListReturnOptions.SpecialUse });
        Assert.That(returned.Single(m => m.Name == "Sent").SpecialUse, Is.EqualTo(MailboxAttributes.Sent));
        Assert.That(returned.Single(m => m.Name == "INBOX").SpecialUse, Is.EqualTo(MailboxAttributes.None));

        var sent = (await imap.LsubAsync("", "Sent")).Single();
        Assert.That(sent.Name, Is.EqualTo("Sent"), "auto = subscribe subscribed it");
    }

    [Test]
    public async Task LIST_STATUS_returns_each_mailboxs_status_and_none_for_a_parent_that_cannot_be_selected()
    {
        var prefix = UniquePrefix();
        var full = $"{prefix}/Voll & ganz";
        var empty = $"{prefix}/Leer";
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        await imap.CreateAsync(full);
        await imap.CreateAsync(empty);
        await imap.AppendAsync(full, new MemoryStream(Message(1)));
        await imap.AppendAsync(full, new MemoryStream(Message(2)), new MessageFlags(SystemFlags.Seen));

        var listed = await imap.ListAsync(new ListRequest
        {
            Patterns = [prefix + "*"],
            Status = StatusItems.Messages | StatusItems.Unseen | StatusItems.Size | StatusItems.UidNext,
        });

        var byName = listed.ToDictionary(m => m.Name);
        Assert.That(byName.Keys, Is.EquivalentTo(new[] { prefix, full, empty }));
        var status = byName[full].Status!;
        Assert.That((status.Mailbox, status.Messages, status.Unseen, status.UidNext), Is.EqualTo((full, (uint?)2, (uint?)1, (uint?)3)));
        Assert.That(status.Size, Is.EqualTo((ulong)(Message(1).Length + Message(2).Length)));
        Assert.That(byName[empty].Status!.Messages, Is.Zero);
        Assert.That(byName[prefix].IsSelectable, Is.False, "Dovecot lists the implied parent as \\Noselect");
        Assert.That(byName[prefix].Status, Is.Null, "a mailbox that cannot be selected has no status");
    }

    [Test]
    public async Task STATUS_reports_SIZE_HIGHESTMODSEQ_and_agrees_with_SELECT()
    {
        var prefix = UniquePrefix();
        var name = $"{prefix} Größe";
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        await imap.CreateAsync(name);
        for (var i = 1; i <= 3; i++)
        {
            await imap.AppendAsync(name, new MemoryStream(Message(i)));
        }

        var status = await imap.StatusAsync(name,
            StatusItems.Messages | StatusItems.Recent | StatusItems.UidNext | StatusItems.UidValidity | StatusItems.Unseen
            | StatusItems.Size | StatusItems.HighestModSeq);
        Assert.That((status.Messages, status.Unseen, status.UidNext), Is.EqualTo(((uint?)3, (uint?)3, (uint?)4)));
        Assert.That(status.Size, Is.EqualTo((ulong)Enumerable.Range(1, 3).Sum(i => Message(i).Length)));
        Assert.That(status.HighestModSeq, Is.GreaterThan(0));
        Assert.That(status.Recent, Is.Not.Null);

        var selected = await imap.ExamineAsync(name);
        Assert.That((selected.UidValidity, selected.UidNext, selected.Exists), Is.EqualTo((status.UidValidity, status.UidNext, 3u)));
    }

    [Test]
    public async Task NAMESPACE_reports_the_personal_and_the_public_namespace()
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");

        var namespaces = await imap.NamespaceAsync();
        Assert.That(namespaces.Personal.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("", (char?)'/') }));
        Assert.That(namespaces.OtherUsers, Is.Empty, "Dovecot sends NIL for a kind it has not got");
        Assert.That(namespaces.Shared.Select(n => (n.Prefix, n.Delimiter)), Is.EqualTo(new[] { ("Public/", (char?)'/') }));
    }

    [Test]
    public async Task A_mailbox_in_the_public_namespace_is_created_listed_and_deleted()
    {
        var name = $"Public/{UniquePrefix()} Aushang";
        await using var imap = await IntegrationConnections.LoginAsync("testuser");

        await imap.CreateAsync(name);
        Assert.That((await imap.ListAsync("Public/", "*")).Select(m => m.Name), Does.Contain(name));
        await imap.DeleteAsync(name);
        Assert.That((await imap.ListAsync("Public/", "*")).Select(m => m.Name), Does.Not.Contain(name));
    }

    [Test]
    public async Task CLOSE_expunges_deleted_messages_and_UNSELECT_does_not()
    {
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var closed = IntegrationConnections.SeedMailbox(3);
        var unselected = IntegrationConnections.SeedMailbox(3);

        await imap.SelectAsync(closed);
        await imap.CheckAsync();
        await imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);
        await imap.CloseMailboxAsync();
        Assert.That((imap.State, imap.SelectedMailbox), Is.EqualTo((ImapConnectionState.Authenticated, (MailboxInfo?)null)));
        Assert.That((await imap.StatusAsync(closed, StatusItems.Messages)).Messages, Is.EqualTo(2));

        await imap.SelectAsync(unselected);
        await imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, new MessageFlags(SystemFlags.Deleted), silent: true);
        await imap.UnselectAsync();
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That((await imap.StatusAsync(unselected, StatusItems.Messages)).Messages, Is.EqualTo(3));
        Assert.ThrowsAsync<InvalidOperationException>(() => imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags)));
    }

    [Test]
    public async Task Refusals_carry_Dovecots_code_and_text()
    {
        var prefix = UniquePrefix();
        await using var imap = await IntegrationConnections.LoginAsync("testuser");

        var missing = Assert.ThrowsAsync<ImapCommandException>(() => imap.DeleteAsync(prefix + " missing"));
        Assert.That(missing!.ResponseCode?.Name, Is.EqualTo("NONEXISTENT"));
        Assert.That(missing.ResponseText, Does.Contain("doesn't exist"));

        await imap.CreateAsync(prefix);
        var exists = Assert.ThrowsAsync<ImapCommandException>(() => imap.CreateAsync(prefix));
        Assert.That(exists!.ResponseCode?.Name, Is.EqualTo("ALREADYEXISTS"));

        var status = Assert.ThrowsAsync<ImapCommandException>(() => imap.StatusAsync(prefix + " missing", StatusItems.Messages));
        Assert.That(status!.Status, Is.EqualTo(ImapStatus.No));
        await imap.NoopAsync();
    }
}

using System.Net;
using System.Text;
using ImapClient.TestServer;
using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests.Commands;

/// <summary>Every command of the core against the real Dovecot.</summary>
public class CommandIntegrationTests : DovecotTests
{
    [Test]
    public async Task Greeting_and_capability_come_from_the_server()
    {
        await using var imap = await IntegrationConnections.ConnectAsync();
        Assert.That(imap.Greeting.Status, Is.EqualTo(ImapStatus.Ok));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
        var capabilities = await imap.CapabilityAsync();
        Assert.That(capabilities.Imap4Rev1, Is.True);
        Assert.That(capabilities.AuthenticationMechanisms, Does.Contain("CRAM-MD5").And.Contain("DIGEST-MD5"));
        Assert.That(imap.Capabilities.Imap4Rev1, Is.True);
    }

    [Test]
    public async Task Login_select_fetch_store_and_logout_follow_the_rfc_session()
    {
        await using var imap = await IntegrationConnections.ConnectAsync();
        await imap.LoginAsync(Rfc3501Seed.User, Rfc3501Seed.Password);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That(imap.Capabilities.Contains("UIDPLUS"), Is.True, "Dovecot lists its post-login capabilities in the LOGIN OK");

        var inbox = await imap.ExamineAsync("INBOX");
        Assert.That(inbox.Exists, Is.EqualTo(Rfc3501Seed.MessageCount));
        Assert.That(inbox.FirstUnseen, Is.EqualTo(Rfc3501Seed.FirstUnseen));
        Assert.That(inbox.UidValidity, Is.EqualTo(Rfc3501Seed.UidValidity));
        Assert.That(inbox.UidNext, Is.GreaterThan(Rfc3501Seed.MessageCount));
        Assert.That(inbox.Access, Is.EqualTo(MailboxAccess.ReadOnly));
        Assert.That(inbox.Flags.Contains(SystemFlags.Seen | SystemFlags.Deleted), Is.True);
        Assert.That(inbox.PermanentFlags, Is.Not.Null);

        var full = (await imap.FetchAsync(SequenceSet.Single(12), new FetchRequest(FetchItems.Full))).Single();
        Assert.That(full.SequenceNumber, Is.EqualTo(12));
        Assert.That(full.Flags!.Contains(SystemFlags.Seen), Is.True);
        Assert.That(full.InternalDate, Is.EqualTo(Rfc3501Seed.Message12InternalDate));
        Assert.That(full.Size, Is.EqualTo(Rfc3501Seed.Message12.Length));
        Assert.That(full.Envelope!.Subject, Is.EqualTo("IMAP4rev1 WG mtg summary and minutes"));
        Assert.That(full.Envelope.From.Mailboxes.Single().Address, Is.EqualTo("gray@cac.washington.edu"));
        Assert.That(full.Envelope.Cc.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "minutes@CNRI.Reston.VA.US", "KLENSIN@MIT.EDU" }));
        Assert.That(full.Envelope.MessageId, Is.EqualTo("<B27397-0100000@cac.washington.edu>"));
        Assert.That(full.BodyStructure, Is.InstanceOf<BodyPartText>());
        Assert.That(full.BodyStructure!.ContentType.Charset, Is.EqualTo("US-ASCII"));

        var header = (await imap.FetchAsync(SequenceSet.Single(12), new FetchRequest().AddBodySection("HEADER"))).Single();
        Assert.That(header.Headers!["Subject"], Is.EqualTo("IMAP4rev1 WG mtg summary and minutes"));
        var headerBytes = header.GetSection("HEADER")!.Value.ToArray();
        var expectedHeader = Rfc3501Seed.Message12.ToArray().AsSpan(0, headerBytes.Length).ToArray();
        Assert.That(headerBytes, Is.EqualTo(expectedHeader));
        Assert.That(Encoding.ASCII.GetString(headerBytes), Does.EndWith("\r\n\r\n"));

        var bye = await imap.LogoutAsync();
        Assert.That(bye.Status, Is.EqualTo(ImapStatus.Ok));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Logout));
    }

    [Test]
    public async Task Whole_message_and_body_structure_round_trip_through_mimekit()
    {
        await using var imap = await IntegrationConnections.LoginAsync(Rfc3501Seed.User);
        await imap.ExamineAsync("INBOX");
        var fetched = (await imap.FetchAsync(SequenceSet.Single(12),
            new FetchRequest(FetchItems.Uid | FetchItems.BodyStructure).AddBodySection(""))).Single();
        Assert.That(fetched.GetSection("")!.Value.ToArray(), Is.EqualTo(Rfc3501Seed.Message12.ToArray()));
        Assert.That(fetched.Message!.Subject, Is.EqualTo("IMAP4rev1 WG mtg summary and minutes"));
        Assert.That(fetched.Uid, Is.Not.Null);

        var byUid = (await imap.UidFetchAsync(SequenceSet.Single(fetched.Uid!.Value), new FetchRequest(FetchItems.Flags))).Single();
        Assert.That(byUid.SequenceNumber, Is.EqualTo(12));
        Assert.That(byUid.Uid, Is.EqualTo(fetched.Uid));
    }

    [Test]
    public async Task Store_and_uid_store_report_the_new_flags()
    {
        var mailbox = IntegrationConnections.SeedMailbox(5);
        await using var imap = await IntegrationConnections.LoginAsync("testuser");
        var selected = await imap.SelectAsync(mailbox);
        Assert.That(selected.Exists, Is.EqualTo(5));
        Assert.That(selected.Access, Is.EqualTo(MailboxAccess.ReadWrite));

        var stored = await imap.StoreAsync(SequenceSet.Range(2, 3), StoreAction.Add, new MessageFlags(SystemFlags.Flagged, ["$Important"]));
        Assert.That(stored.Select(m => m.SequenceNumber), Is.EquivalentTo(new uint[] { 2, 3 }));
        Assert.That(stored.All(m => m.Flags!.Contains(SystemFlags.Flagged) && m.Flags.Contains("$Important")), Is.True);

        var uids = await imap.FetchAsync(SequenceSet.All, new FetchRequest(FetchItems.Uid | FetchItems.Flags));
        var uid3 = uids.Single(m => m.SequenceNumber == 3).Uid!.Value;
        var removed = (await imap.UidStoreAsync(SequenceSet.Single(uid3), StoreAction.Remove, new MessageFlags(SystemFlags.Flagged))).Single();
        Assert.That(removed.Uid, Is.EqualTo(uid3));
        Assert.That(removed.Flags!.Contains(SystemFlags.Flagged), Is.False);
        Assert.That(removed.Flags.Contains("$Important"), Is.True);

        var silent = await imap.StoreAsync(SequenceSet.Single(1), StoreAction.Replace, new MessageFlags(SystemFlags.Seen | SystemFlags.Answered), silent: true);
        Assert.That(silent, Is.Empty);
        var after = (await imap.FetchAsync(SequenceSet.Single(1), new FetchRequest(FetchItems.Flags))).Single();
        Assert.That(after.Flags!.System & ~SystemFlags.Recent, Is.EqualTo(SystemFlags.Seen | SystemFlags.Answered));

        await imap.NoopAsync();
        await imap.LogoutAsync();
    }

    [TestCase("CRAM-MD5")]
    [TestCase("DIGEST-MD5")]
    public async Task Authenticate_signs_in_with_each_mechanism(string mechanism)
    {
        await using var imap = await IntegrationConnections.ConnectAsync();
        await imap.AuthenticateAsync(mechanism, new NetworkCredential(Rfc3501Seed.User, Rfc3501Seed.Password));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        var inbox = await imap.ExamineAsync("INBOX");
        Assert.That(inbox.Exists, Is.EqualTo(Rfc3501Seed.MessageCount));
    }

    [TestCase("LOGIN")]
    [TestCase("CRAM-MD5")]
    [TestCase("DIGEST-MD5")]
    public async Task A_wrong_password_fails_with_an_authentication_exception_and_the_connection_stays_usable(string mechanism)
    {
        await using var imap = await IntegrationConnections.ConnectAsync();
        var wrong = new NetworkCredential(Rfc3501Seed.User, "not-the-password");
        var ex = Assert.ThrowsAsync<ImapAuthenticationException>(() => mechanism == "LOGIN"
            ? imap.LoginAsync(wrong.UserName, wrong.Password)
            : imap.AuthenticateAsync(mechanism, wrong));
        Assert.That(ex!.ResponseText, Is.Not.Empty);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.NotAuthenticated));
        await imap.LoginAsync(Rfc3501Seed.User, Rfc3501Seed.Password);
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
    }

    [Test]
    public async Task Implicit_tls_connects_with_a_pinned_certificate()
    {
        await using var imap = await IntegrationConnections.LoginAsync(Rfc3501Seed.User, ImapSecurity.ImplicitTls);
        Assert.That(imap.TlsProtocol, Is.Not.Null);
        Assert.That(imap.TlsCipherSuite, Is.Not.Null);
        var inbox = await imap.ExamineAsync("INBOX");
        Assert.That(inbox.Exists, Is.EqualTo(Rfc3501Seed.MessageCount));
    }

    [Test]
    public void Implicit_tls_rejects_an_untrusted_certificate_by_default()
    {
        var server = DovecotFixture.Server;
        var ex = Assert.ThrowsAsync<ImapConnectionException>(() =>
            ImapConnection.ConnectAsync(server.Host, server.TlsPort, ImapSecurity.ImplicitTls));
        Assert.That(ex!.Message, Does.Contain("TLS"));
    }

    [Test]
    public async Task Selecting_a_missing_mailbox_fails_with_the_servers_words_and_leaves_nothing_selected()
    {
        await using var imap = await IntegrationConnections.LoginAsync(Rfc3501Seed.User);
        await imap.ExamineAsync("INBOX");
        var ex = Assert.ThrowsAsync<ImapCommandException>(() => imap.SelectAsync("No/Such/Mailbox"));
        Assert.That(ex!.Status, Is.EqualTo(ImapStatus.No));
        Assert.That(ex.Message, Does.Contain(ex.ResponseText));
        Assert.That(imap.State, Is.EqualTo(ImapConnectionState.Authenticated));
        Assert.That(imap.SelectedMailbox, Is.Null);
    }
}

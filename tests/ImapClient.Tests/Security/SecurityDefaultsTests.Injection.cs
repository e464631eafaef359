using System.Net;
using System.Text;
using ImapClient.Tests.Infrastructure;
using MimeKit;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Security;

/// <summary>
/// No CR, LF or NUL from a caller's string is ever written raw: every public method taking a string either refuses it
/// with <see cref="ArgumentException"/> before anything is sent, or sends it where it cannot end the command (a
/// literal, or base64 in SASL). Each accepted value is read back from the wire and must decode to exactly what was given.
/// </summary>
public partial class SecurityDefaultsTests
{
    public enum Separator
    {
        Cr,
        Lf,
        CrLf,
        Nul,
    }

    private static string Text(Separator separator) => separator switch
    {
        Separator.Cr => "\r",
        Separator.Lf => "\n",
        Separator.CrLf => "\r\n",
        _ => "\0",
    };

    /// <summary>A value that, written raw, would end the command and start one of the attacker's.</summary>
    private static string Injection(Separator separator) => $"x{Text(separator)}A999 DELETE INBOX";

    [Test]
    public async Task LOGIN_sends_CR_and_LF_inside_a_literal_and_refuses_NUL(
        [Values] Separator separator, [Values("user", "password")] string which, [Values] bool literalPlus)
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync($"* OK [CAPABILITY IMAP4rev1{(literalPlus ? " LITERAL+" : "")}] ready\r\n");
        var user = which == "user" ? Injection(separator) : "ann";
        var password = which == "password" ? Injection(separator) : "secret";

        var login = imap.LoginAsync(user, password);
        if (separator == Separator.Nul)
        {
            Assert.That(() => login, Throws.ArgumentException.With.Property("ParamName").EqualTo(which == "user" ? "userName" : "password"));
            await ExpectNothingBeforeNoopAsync(server, imap);
            return;
        }

        var arguments = WireArguments.Decode(await server.ReadCommandAsync());
        Assert.That(arguments[1..], Is.EqualTo(new[] { "LOGIN", user, password }));
        await server.SendAsync($"{arguments[0]} OK\r\n");
        await login.WaitAsync(Patience);
    }

    private static IEnumerable<TestCaseData> MailboxCommands()
    {
        // No MimeKit object is built here: test cases are made at discovery, and MimeKit meeting text before the library
        // registered the legacy code pages would make it forget GBK and the like for the whole run (see TextEncodings).
        var commands = new (string Name, Func<ImapConnection, string, Task> Call)[]
        {
            ("SELECT", (imap, name) => imap.SelectAsync(name)),
            ("EXAMINE", (imap, name) => imap.ExamineAsync(name)),
            ("APPEND stream", (imap, name) => imap.AppendAsync(name, new MemoryStream("x"u8.ToArray()))),
            ("APPEND stream and length", (imap, name) => imap.AppendAsync(name, new MemoryStream("x"u8.ToArray()), 1)),
            ("APPEND MimeMessage", (imap, name) => imap.AppendAsync(name, new MimeMessage { Body = new TextPart("plain") { Text = "x" } })),
        };
        return from command in commands
               from value in new[] { "\r", "\n", "\r\n", "\0", "\u007f", "\u0085", "\u2028" }
               select new TestCaseData(command.Call, value).SetArgDisplayNames(command.Name, $"U+{(int)value[^1]:X4}");
    }

    [TestCaseSource(nameof(MailboxCommands))]
    public async Task A_mailbox_name_with_a_control_character_is_refused_before_anything_is_sent(Func<ImapConnection, string, Task> call, string control)
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n");
        Assert.That(() => call(imap, $"Archive{control}A999 DELETE INBOX"), Throws.ArgumentException.With.Property("ParamName").EqualTo("mailbox"));
        await ExpectNothingBeforeNoopAsync(server, imap);
    }

    private static IEnumerable<TestCaseData> FlagCommands()
    {
        var commands = new (string Name, Func<ImapConnection, MessageFlags, Task> Call)[]
        {
            ("STORE", (imap, flags) => imap.StoreAsync(SequenceSet.Single(1), StoreAction.Add, flags)),
            ("UID STORE", (imap, flags) => imap.UidStoreAsync(SequenceSet.Single(1), StoreAction.Replace, flags)),
            ("APPEND", (imap, flags) => imap.AppendAsync("INBOX", new MemoryStream("x"u8.ToArray()), flags)),
        };
        return from command in commands
               from separator in Enum.GetValues<Separator>()
               select new TestCaseData(command.Call, separator).SetArgDisplayNames(command.Name, separator.ToString());
    }

    [TestCaseSource(nameof(FlagCommands))]
    public async Task A_keyword_with_CR_LF_or_NUL_is_refused_before_anything_is_sent(Func<ImapConnection, MessageFlags, Task> call, Separator separator)
    {
        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server, "IMAP4rev1 LITERAL+");
        // MessageFlags itself refuses such a keyword, so the bad value cannot even reach a command.
        Assert.That(() => call(imap, new MessageFlags(SystemFlags.Seen, ["$Ok", $"$Bad{Text(separator)}A999 DELETE INBOX"])), Throws.ArgumentException);
        await ExpectNothingBeforeNoopAsync(server, imap);
    }

    [Test]
    public async Task A_body_section_with_CR_LF_or_NUL_is_refused_before_anything_is_sent([Values] Separator separator)
    {
        var section = $"HEADER{Text(separator)}A999 DELETE INBOX";
        Assert.That(() => new FetchRequest().AddBodySection(section), Throws.ArgumentException.With.Property("ParamName").EqualTo("section"));

        await using var server = new ScriptedServer();
        await using var imap = await ConnectSelectedAsync(server);
        Assert.That(() => imap.DownloadAsync(1, Stream.Null, section), Throws.ArgumentException);
        await ExpectNothingBeforeNoopAsync(server, imap);
    }

    [Test]
    public async Task AUTHENTICATE_PLAIN_carries_CR_and_LF_inside_its_base64_and_refuses_NUL(
        [Values] Separator separator, [Values("user", "password", "authzid")] string which)
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n");
        var user = which == "user" ? Injection(separator) : "ann";
        var password = which == "password" ? Injection(separator) : "secret";
        var authzid = which == "authzid" ? Injection(separator) : "shared";

        var auth = imap.AuthenticatePlainAsync(new NetworkCredential(user, password), authzid);
        if (separator == Separator.Nul)
        {
            Assert.That(() => auth, Throws.ArgumentException, "NUL separates PLAIN's fields: it would let one field forge another");
            await ExpectNothingBeforeNoopAsync(server, imap);
            return;
        }

        var arguments = WireArguments.Decode(await server.ReadCommandAsync());
        Assert.That(arguments[1..3], Is.EqualTo(new[] { "AUTHENTICATE", "PLAIN" }));
        Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(arguments[3])), Is.EqualTo($"{authzid}\0{user}\0{password}"));
        await server.SendAsync($"{arguments[0]} OK\r\n");
        await auth.WaitAsync(Patience);
    }

    [Test]
    public async Task OAuth_and_EXTERNAL_carry_CR_and_LF_inside_their_base64([Values("OAUTHBEARER", "XOAUTH2", "EXTERNAL")] string mechanism)
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync($"* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH={mechanism}] ready\r\n");
        var user = Injection(Separator.CrLf);
        var token = "token" + Injection(Separator.CrLf);
        var auth = mechanism == "EXTERNAL" ? imap.AuthenticateExternalAsync(user) : imap.AuthenticateOAuth2Async(user, token);

        var arguments = WireArguments.Decode(await server.ReadCommandAsync());
        Assert.That(arguments[1..3], Is.EqualTo(new[] { "AUTHENTICATE", mechanism }));
        var message = Encoding.UTF8.GetString(Convert.FromBase64String(arguments[3]));
        Assert.That(message, Does.Contain(mechanism == "EXTERNAL" ? user : token));
        await server.SendAsync($"{arguments[0]} OK\r\n");
        await auth.WaitAsync(Patience);
    }

    [Test]
    public async Task A_mechanism_name_with_CR_LF_is_refused_before_anything_is_sent()
    {
        await using var server = new ScriptedServer();
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n");
        Assert.That(() => imap.AuthenticateAsync("PLAIN\r\nA999 DELETE INBOX", new NetworkCredential("ann", "secret")),
            Throws.InstanceOf<NotSupportedException>());
        await ExpectNothingBeforeNoopAsync(server, imap);
    }
}

using System.Security.Authentication;
using System.Text;
using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class ScramMechanismTests
{
    // RFC 5802 section 5.
    private const string Sha1Nonce = "fyko+d2lbbFgONRv9qkxdawL";
    private const string Sha1ServerFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
    private const string Sha1ClientFinal = "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
    private const string Sha1ServerFinal = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

    // RFC 7677 section 3.
    private const string Sha256Nonce = "rOprNGfwEbeRWgbNEkqO";
    private const string Sha256ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private const string Sha256ClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private const string Sha256ServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    [Test]
    public void Matches_the_RFC_5802_SCRAM_SHA_1_example()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, Sha1Nonce);

        var clientFirst = Text(mechanism.GetInitialResponse());
        var clientFinal = Text(mechanism.Respond(Bytes(Sha1ServerFirst)));
        Assert.That(mechanism.IsCompleted, Is.False);
        var last = mechanism.Respond(Bytes(Sha1ServerFinal));

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("SCRAM-SHA-1"));
            Assert.That(clientFirst, Is.EqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
            Assert.That(clientFinal, Is.EqualTo(Sha1ClientFinal));
            Assert.That(last, Is.Empty);
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void Matches_the_RFC_7677_SCRAM_SHA_256_example()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha256, "user", "pencil", null, Sha256Nonce);

        var clientFirst = Text(mechanism.GetInitialResponse());
        var clientFinal = Text(mechanism.Respond(Bytes(Sha256ServerFirst)));
        var last = mechanism.Respond(Bytes(Sha256ServerFinal));

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.Name, Is.EqualTo("SCRAM-SHA-256"));
            Assert.That(clientFirst, Is.EqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));
            Assert.That(clientFinal, Is.EqualTo(Sha256ClientFinal));
            Assert.That(last, Is.Empty);
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void Without_SASL_IR_the_client_first_message_answers_the_empty_challenge()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, Sha1Nonce);

        var clientFirst = Text(mechanism.Respond([]));
        var clientFinal = Text(mechanism.Respond(Bytes(Sha1ServerFirst)));
        mechanism.Respond(Bytes(Sha1ServerFinal));

        Assert.Multiple(() =>
        {
            Assert.That(clientFirst, Is.EqualTo("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"));
            Assert.That(clientFinal, Is.EqualTo(Sha1ClientFinal));
            Assert.That(mechanism.IsCompleted, Is.True);
        });
    }

    [Test]
    public void Is_client_first()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha256, "user", "pencil");

        Assert.Multiple(() =>
        {
            Assert.That(mechanism.SupportsInitialResponse, Is.True);
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    [Test]
    public void A_non_empty_first_challenge_throws()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, Sha1Nonce);

        Assert.That(() => mechanism.Respond(Bytes(Sha1ServerFirst)), Throws.TypeOf<AuthenticationException>());
    }

    [Test]
    public void The_initial_response_cannot_be_taken_twice()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, Sha1Nonce);
        mechanism.GetInitialResponse();

        Assert.That(() => mechanism.GetInitialResponse(), Throws.InvalidOperationException);
    }

    [TestCase("v=rmF9pqV8S7suAoZWja4dJRkFsKU=")]
    [TestCase("v=rmF9pqV8S7suAoZWja4dJRkF")]
    [TestCase("v=")]
    [TestCase("v=not base64!")]
    [TestCase("x=rmF9pqV8S7suAoZWja4dJRkFsKQ=")]
    [TestCase("")]
    public void A_wrong_or_missing_server_signature_throws(string serverFinal)
    {
        var mechanism = StartSha1Exchange();

        Assert.Multiple(() =>
        {
            Assert.That(
                () => mechanism.Respond(Bytes(serverFinal)),
                Throws.TypeOf<AuthenticationException>().With.Message.Contains("the server could not prove it knows the password"));
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    [Test]
    public void The_SHA_256_signature_is_not_accepted_for_SHA_1()
    {
        var mechanism = StartSha1Exchange();

        Assert.That(() => mechanism.Respond(Bytes(Sha256ServerFinal)), Throws.TypeOf<AuthenticationException>());
    }

    [Test]
    public void A_server_error_throws_with_its_text()
    {
        var mechanism = StartSha1Exchange();

        Assert.Multiple(() =>
        {
            Assert.That(
                () => mechanism.Respond("e=invalid-proof"u8),
                Throws.TypeOf<AuthenticationException>().With.Message.Contains("invalid-proof"));
            Assert.That(mechanism.IsCompleted, Is.False);
        });
    }

    [Test]
    public void A_challenge_after_completion_throws()
    {
        var mechanism = StartSha1Exchange();
        mechanism.Respond(Bytes(Sha1ServerFinal));

        Assert.That(() => mechanism.Respond(Bytes(Sha1ServerFinal)), Throws.InvalidOperationException);
    }

    [Test]
    public void A_challenge_after_a_failure_throws()
    {
        var mechanism = StartSha1Exchange();
        Assert.That(() => mechanism.Respond("e=other-error"u8), Throws.TypeOf<AuthenticationException>());

        Assert.That(() => mechanism.Respond(Bytes(Sha1ServerFinal)), Throws.InvalidOperationException);
    }

    [TestCase("r=someoneElsesNonce3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096", "does not extend")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096", "does not extend")]
    [TestCase("r=fyko+d2lbbFgONRv9qkx,s=QSXCR+Q6sek8bf92,i=4096", "does not extend")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=0", "not a positive integer")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=-1", "not a positive integer")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=abc", "not a positive integer")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=", "not a positive integer")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=99999999999", "not a positive integer")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=2000000000", "exceeds")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=not*base64,i=4096", "salt is not base64")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=,i=4096", "salt is empty")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92", "needs r=, s= and i=")]
    [TestCase("s=QSXCR+Q6sek8bf92,r=fyko+d2lbbFgONRv9qkxdawL3rfc,i=4096", "expected the r= attribute")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rfc,i=4096,s=QSXCR+Q6sek8bf92", "expected the s= attribute")]
    [TestCase("m=must-understand,r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4096", "m=")]
    [TestCase("r=fyko+d2lbbFgONRv9qkxdawL3rf\u00e9,s=QSXCR+Q6sek8bf92,i=4096", "printable")]
    [TestCase("", "needs r=, s= and i=")]
    public void An_invalid_server_first_message_throws(string serverFirst, string reason)
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, Sha1Nonce);
        mechanism.GetInitialResponse();

        Assert.Multiple(() =>
        {
            Assert.That(
                () => mechanism.Respond(Bytes(serverFirst)),
                Throws.TypeOf<AuthenticationException>().With.Message.Contains(reason));
            Assert.That(() => mechanism.Respond(Bytes(Sha1ServerFirst)), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void A_server_first_message_that_is_not_UTF8_throws()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, Sha1Nonce);
        mechanism.GetInitialResponse();

        Assert.That(
            () => mechanism.Respond([.. Bytes("r=fyko+d2lbbFgONRv9qkxdawLx"), 0xFF, .. Bytes(",s=QSXCR+Q6sek8bf92,i=4096")]),
            Throws.TypeOf<AuthenticationException>().With.Message.Contains("UTF-8"));
    }

    [Test]
    public void Unknown_extensions_after_the_iteration_count_are_ignored()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, Sha1Nonce);
        mechanism.GetInitialResponse();

        var clientFinal = Text(mechanism.Respond(Bytes(Sha1ServerFirst + ",x=future")));

        // The extension is part of AuthMessage, so the proof differs from the RFC's.
        Assert.Multiple(() =>
        {
            Assert.That(clientFinal, Does.StartWith("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p="));
            Assert.That(clientFinal, Is.Not.EqualTo(Sha1ClientFinal));
        });
    }

    [Test]
    public void User_name_commas_and_equals_signs_are_escaped()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha256, "a,b=c,=", "pencil", null, "abc");

        Assert.That(Text(mechanism.GetInitialResponse()), Is.EqualTo("n,,n=a=2Cb=3Dc=2C=3D,r=abc"));
    }

    [Test]
    public void An_authorization_identity_goes_in_the_GS2_header_and_the_channel_binding()
    {
        // Expected proof and signature computed independently (Python hashlib) from the RFC 7677 inputs with
        // AuthMessage = "n=user,r=<cnonce>," + server-first + ",c=bixhPWFkbWluLA==,r=<nonce>".
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha256, "user", "pencil", "ad=m,in", Sha256Nonce);

        var clientFirst = Text(mechanism.GetInitialResponse());

        Assert.That(clientFirst, Is.EqualTo("n,a=ad=3Dm=2Cin,n=user,r=rOprNGfwEbeRWgbNEkqO"));

        var plain = new ScramMechanism(SaslHashAlgorithm.Sha256, "user", "pencil", "admin", Sha256Nonce);
        Assert.That(Text(plain.GetInitialResponse()), Is.EqualTo("n,a=admin,n=user,r=rOprNGfwEbeRWgbNEkqO"));
        var clientFinal = Text(plain.Respond(Bytes(Sha256ServerFirst)));
        plain.Respond("v=NEPBm/5YEAzt04BBCRprbOkjjY8sig4Y6opKd8b+CWQ="u8);

        Assert.Multiple(() =>
        {
            Assert.That(
                clientFinal,
                Is.EqualTo("c=bixhPWFkbWluLA==,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=KNU0YOZwpwt3F/emaI+1QKVCyfsJX79YBqgLZUK9Hq0="));
            Assert.That(plain.IsCompleted, Is.True);
        });
    }

    [Test]
    public void The_password_is_SASLprepped()
    {
        // U+2168 ROMAN NUMERAL NINE becomes "IX" under NFKC; the proof is the one for "IX", computed independently.
        var prepped = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "\u2168", null, Sha1Nonce);
        prepped.GetInitialResponse();

        // A soft hyphen is mapped to nothing, so "pen\u00ADcil" authenticates as "pencil".
        var hyphenated = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pen\u00ADcil", null, Sha1Nonce);
        hyphenated.GetInitialResponse();

        Assert.Multiple(() =>
        {
            Assert.That(
                Text(prepped.Respond(Bytes(Sha1ServerFirst))),
                Is.EqualTo("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=LwdhH5xY322gXvSHctonEypmUfA="));
            Assert.That(Text(hyphenated.Respond(Bytes(Sha1ServerFirst))), Is.EqualTo(Sha1ClientFinal));
        });
    }

    [Test]
    public void The_user_name_is_SASLprepped_as_a_query()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "us\u00ADer\u00A0\u2168", "pencil", null, "abc");

        Assert.That(Text(mechanism.GetInitialResponse()), Is.EqualTo("n,,n=user IX,r=abc"));
    }

    [Test]
    public void Credentials_SASLprep_rejects_fail_at_construction()
    {
        Assert.Multiple(() =>
        {
            Assert.That(
                () => new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pen\u0007cil"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("password").And.Message.Contains("U+0007"));
            Assert.That(
                () => new ScramMechanism(SaslHashAlgorithm.Sha1, "us\u0000er", "pencil"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("userName"));
            Assert.That(
                () => new ScramMechanism(SaslHashAlgorithm.Sha1, "", "pencil"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("userName"));
            Assert.That(
                () => new ScramMechanism(SaslHashAlgorithm.Sha1, "\u00AD", "pencil"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("userName"));
        });
    }

    [Test]
    public void The_random_client_nonce_is_long_printable_and_fresh()
    {
        var first = ClientNonce(new ScramMechanism(SaslHashAlgorithm.Sha256, "user", "pencil"));
        var second = ClientNonce(new ScramMechanism(SaslHashAlgorithm.Sha256, "user", "pencil"));

        Assert.Multiple(() =>
        {
            Assert.That(Convert.FromBase64String(first), Has.Length.GreaterThanOrEqualTo(18));
            Assert.That(first, Does.Not.Contain(","));
            Assert.That(first, Is.Not.EqualTo(second));
        });
    }

    [TestCase("")]
    [TestCase("has,comma")]
    [TestCase("has space")]
    public void An_invalid_injected_nonce_is_rejected(string nonce) =>
        Assert.That(() => new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, nonce), Throws.ArgumentException);

    private static ScramMechanism StartSha1Exchange()
    {
        var mechanism = new ScramMechanism(SaslHashAlgorithm.Sha1, "user", "pencil", null, Sha1Nonce);
        mechanism.GetInitialResponse();
        mechanism.Respond(Bytes(Sha1ServerFirst));
        return mechanism;
    }

    private static string ClientNonce(ScramMechanism mechanism)
    {
        var clientFirst = Text(mechanism.GetInitialResponse());
        return clientFirst[(clientFirst.IndexOf(",r=", StringComparison.Ordinal) + 3)..];
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}

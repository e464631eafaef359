using ImapClient.Sasl;

namespace ImapClient.Tests.Authentication;

public class SaslPrepTests
{
    // RFC 4013 section 3.
    [TestCase("I\u00ADX", "IX", TestName = "RFC 4013 #1: SOFT HYPHEN mapped to nothing")]
    [TestCase("user", "user", TestName = "RFC 4013 #2: no transformation")]
    [TestCase("USER", "USER", TestName = "RFC 4013 #3: case preserved")]
    [TestCase("\u00AA", "a", TestName = "RFC 4013 #4: output is NFKC")]
    [TestCase("\u2168", "IX", TestName = "RFC 4013 #5: output is NFKC")]
    public void Matches_the_RFC_4013_examples(string input, string expected) =>
        Assert.That(SaslPrep.Prepare(input), Is.EqualTo(expected));

    [Test]
    public void RFC_4013_example_6_a_control_character_is_prohibited() =>
        Assert.That(
            () => SaslPrep.Prepare("\u0007"),
            Throws.ArgumentException.With.Message.Contains("U+0007").And.Message.Contains("C.2.1"));

    [Test]
    public void RFC_4013_example_7_the_bidi_rule_is_enforced() =>
        Assert.That(
            () => SaslPrep.Prepare("\u0627\u0031"),
            Throws.ArgumentException.With.Message.Contains("start and end"));

    [TestCase("a\u00A0b", "a b")]
    [TestCase("a\u3000b\u2003c", "a b c")]
    [TestCase("a\u200Bb", "ab")]
    [TestCase("a\u200Cb\u200Dc\u2060", "abc")]
    [TestCase("a\uFEFFb\uFE0Fc\u034F", "abc")]
    [TestCase("\uFB01", "fi")]
    [TestCase("caf\u0065\u0301", "caf\u00E9")]
    [TestCase("", "")]
    [TestCase("p@ss w0rd!~", "p@ss w0rd!~")]
    [TestCase("\u0627\u0031\u0628", "\u0627\u0031\u0628")]
    [TestCase("\u05D0\u05D1", "\u05D0\u05D1")]
    [TestCase("\uD83D\uDE00", "\uD83D\uDE00")]
    public void Maps_and_normalizes(string input, string expected) =>
        Assert.That(SaslPrep.Prepare(input), Is.EqualTo(expected));

    [TestCase("a\tb", "U+0009", "C.2.1")]
    [TestCase("a\u007Fb", "U+007F", "C.2.1")]
    [TestCase("a\u0085b", "U+0085", "C.2.2")]
    [TestCase("a\u2062b", "U+2062", "C.2.2")]
    [TestCase("a\U0001D173b", "U+1D173", "C.2.2")]
    [TestCase("a\u2028b", "U+2028", "C.2.2")]
    [TestCase("a\uE000b", "U+E000", "C.3")]
    [TestCase("a\U000F0000b", "U+F0000", "C.3")]
    [TestCase("a\uFDD0b", "U+FDD0", "C.4")]
    [TestCase("a\uFFFFb", "U+FFFF", "C.4")]
    [TestCase("a\U0001FFFEb", "U+1FFFE", "C.4")]
    [TestCase("a\uFFFDb", "U+FFFD", "C.6")]
    [TestCase("a\u2FF0b", "U+2FF0", "C.7")]
    [TestCase("a\u200Eb", "U+200E", "C.8")]
    [TestCase("a\u202Eb", "U+202E", "C.8")]
    [TestCase("a\U000E0001b", "U+E0001", "C.9")]
    public void Prohibited_characters_are_named(string input, string codePoint, string table) =>
        Assert.That(
            () => SaslPrep.Prepare(input),
            Throws.ArgumentException.With.Message.Contains(codePoint).And.Message.Contains("table " + table));

    [Test]
    public void Lone_surrogates_are_prohibited()
    {
        // Built at run time: attribute arguments cannot carry ill-formed UTF-16.
        var high = "a" + (char)0xD800 + "b";
        var low = "a" + (char)0xDC00;

        Assert.Multiple(() =>
        {
            Assert.That(() => SaslPrep.Prepare(high), Throws.ArgumentException.With.Message.Contains("U+D800").And.Message.Contains("table C.5"));
            Assert.That(() => SaslPrep.Prepare(low), Throws.ArgumentException.With.Message.Contains("U+DC00").And.Message.Contains("table C.5"));
        });
    }

    [TestCase("\u0627a\u0628")]
    [TestCase("\u05D0\u00E9\u05D1")]
    public void Right_to_left_and_left_to_right_characters_cannot_mix(string input) =>
        Assert.That(() => SaslPrep.Prepare(input), Throws.ArgumentException.With.Message.Contains("mixes"));

    [Test]
    public void A_right_to_left_string_must_start_with_a_right_to_left_character() =>
        Assert.That(() => SaslPrep.Prepare("1\u0627"), Throws.ArgumentException.With.Message.Contains("start and end"));

    [Test]
    public void Unassigned_code_points_are_rejected_in_stored_strings_and_allowed_in_queries()
    {
        // U+0378 is unassigned (a gap in the Greek block).
        Assert.Multiple(() =>
        {
            Assert.That(() => SaslPrep.Prepare("a\u0378"), Throws.ArgumentException.With.Message.Contains("U+0378"));
            Assert.That(SaslPrep.Prepare("a\u0378", allowUnassigned: true), Is.EqualTo("a\u0378"));
        });
    }

    [Test]
    public void The_exception_names_the_callers_parameter()
    {
        var password = "\u0007";

        Assert.That(() => SaslPrep.Prepare(password), Throws.ArgumentException.With.Property("ParamName").EqualTo("password"));
    }

    [Test]
    public void Printable_ascii_is_returned_as_is()
    {
        var value = "Just ASCII, 100%";

        Assert.That(SaslPrep.Prepare(value), Is.SameAs(value));
    }
}

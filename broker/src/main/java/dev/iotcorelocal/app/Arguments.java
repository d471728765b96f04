package dev.iotcorelocal.app;

import dev.iotcorelocal.config.EditDistance;
import org.apache.commons.cli.AlreadySelectedException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.MissingOptionException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One command's parsed arguments (Apache Commons CLI, whose classes the start's class-data archive
 * can hold), with every parse failure turned into a one-line {@link UsageException}: an unknown
 * option gets the closest known one, a repeated option or a stray argument is refused rather than
 * half-used.
 */
final class Arguments {
    static final String VERSION = "iotcore-local 0.1.0";
    private final CommandLine line;

    private Arguments(CommandLine line) {
        this.line = line;
    }

    /** The options every command has: --help and --version. */
    static Options withStandardOptions(Options options) {
        options.addOption(Option.builder("h").longOpt("help").desc("Show this help message and exit.").get());
        options.addOption(Option.builder("V").longOpt("version").desc("Print version information and exit.").get());
        return options;
    }

    static Arguments parse(Options options, String[] args) {
        CommandLine line;
        try {
            // No partial matching: "--mqtt" must not quietly mean one of --mqtt-port and --mqtts-port.
            // Values as given: Commons CLI would strip quotes from '"x"' but not from --opt='"x"'.
            line = DefaultParser.builder().setAllowPartialMatching(false).setStripLeadingAndTrailingQuotes(false)
                    .get().parse(options, args);
        } catch (UnrecognizedOptionException e) {
            throw new UsageException("unknown option '" + e.getOption() + "'" + suggestion(options, e.getOption()));
        } catch (MissingArgumentException e) {
            Option option = e.getOption();
            throw new UsageException("option --" + option.getLongOpt() + " needs a value (" + option.getArgName() + ")");
        } catch (AlreadySelectedException e) {
            String group = e.getOptionGroup().getOptions().stream().map(option -> "--" + option.getLongOpt())
                    .sorted().collect(Collectors.joining(" and "));
            throw new UsageException(group + " are mutually exclusive");
        } catch (MissingOptionException e) {
            throw new UsageException("missing required option " + ((List<?>) e.getMissingOptions()).stream()
                    .map(name -> "--" + options.getOption(name.toString()).getLongOpt())
                    .collect(Collectors.joining(", ")));
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        if (!line.getArgList().isEmpty()) {
            throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "'");
        }
        Set<String> seen = new HashSet<>();
        for (Option option : line.getOptions()) {
            if (!seen.add(option.getLongOpt())) {
                throw new UsageException("option --" + option.getLongOpt() + " is given more than once");
            }
        }
        return new Arguments(line);
    }

    boolean has(String longName) {
        return line.hasOption(longName);
    }

    /** The option's value, or null when it is absent. */
    String text(String longName) {
        return line.getOptionValue(longName);
    }

    Path path(String longName) {
        String value = text(longName);
        try {
            return value == null ? null : Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("invalid value for option --" + longName + ": " + e.getMessage());
        }
    }

    Integer integer(String longName) {
        String value = text(longName);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value for option --" + longName + ": '" + value + "' is not an int");
        }
    }

    /** Prints a command's help: {@code syntax}, a description, the options (sorted), then {@code footer}. */
    static void printHelp(PrintStream out, String syntax, String description, Options options, String footer) {
        PrintWriter writer = new PrintWriter(out);
        HelpFormatter formatter = HelpFormatter.builder().setShowDeprecated(false).get();
        formatter.setLongOptSeparator("=");
        formatter.printHelp(writer, 100, syntax, description, options, 2, 3, footer, false);
        writer.flush();
    }

    /**
     * "; did you mean --x?" for the known options a shortened one begins, or else the one closest to a
     * misspelt one; nothing when none is close.
     */
    private static String suggestion(Options options, String written) {
        String bare = written.replaceFirst("^-+", "").replaceFirst("=.*", "");
        List<String> longer = options.getOptions().stream().map(Option::getLongOpt)
                .filter(name -> bare.length() >= 2 && name.startsWith(bare)).sorted().toList();
        if (!longer.isEmpty()) {
            return "; did you mean --" + String.join(" or --", longer) + "?";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Option option : options.getOptions()) {
            int distance = EditDistance.between(bare, option.getLongOpt());
            if (distance < bestDistance) {
                best = option.getLongOpt();
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, bare.length() / 3) ? "; did you mean --" + best + "?" : "";
    }
}

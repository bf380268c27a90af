package org.sentrybridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Checks that the README's quick start is an example module, so that what works in the build works
 * when pasted into an empty project. In README.md a code block that stands for a file follows the
 * line {@code <!-- file: PATH -->} and must equal that file; the block that follows {@code <!--
 * dependencies of PATH/pom.xml -->} must list exactly that POM's dependencies other than the
 * test ones (their {@code ${...}} versions resolved with the system properties the build passes
 * to the tests) and set {@code maven.compiler.source} and {@code target} to the build's release.
 */
public final class QuickStartReadme {

  private static final Pattern MARKED_BLOCK =
      Pattern.compile(
          "<!-- (file:|dependencies of) (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  private QuickStartReadme() {}

  /**
   * Asserts that the README shows the quick start of one example module as it is.
   *
   * @param example the module's directory from the project root, e.g. {@code
   *     examples/logback-example}
   * @param files the module's files the README must show, e.g. {@code
   *     src/main/resources/logback.xml}
   */
  public static void assertShows(String example, String... files) throws Exception {
    Path root = projectRoot();
    Map<String, List<String>> blocks = markedBlocks(root.resolve("README.md"));
    for (String file : files) {
      String path = example + "/" + file;
      assertThat(blocks.get("file:" + path))
          .as("README.md blocks marked <!-- file: %s -->", path)
          .containsExactly(Files.readString(root.resolve(path), StandardCharsets.UTF_8));
    }
    String pom = example + "/pom.xml";
    List<String> shown = blocks.get("dependencies of" + pom);
    assertThat(shown).as("README.md blocks marked <!-- dependencies of %s -->", pom).hasSize(1);
    Document snippet = parse("<project>" + shown.get(0) + "</project>");
    Document module = parse(Files.readString(root.resolve(pom), StandardCharsets.UTF_8));
    assertThat(dependencies(snippet, false))
        .as("the dependencies the README shows for %s", example)
        .isEqualTo(dependencies(module, true));
    for (String javaVersion : List.of("maven.compiler.source", "maven.compiler.target")) {
      assertThat(text(snippet.getDocumentElement(), "properties", javaVersion))
          .as("%s in the README's quick start", javaVersion)
          .isEqualTo(System.getProperty("maven.compiler.release"));
    }
  }

  /**
   * The directory with README.md, from a module's working directory.
   *
   * @return the project's root directory
   */
  public static Path projectRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve(".ci"))) {
        return dir;
      }
    }
    throw new AssertionError("no project root above " + Path.of("").toAbsolutePath());
  }

  private static Map<String, List<String>> markedBlocks(Path readme) throws Exception {
    Map<String, List<String>> blocks = new LinkedHashMap<>();
    Matcher m = MARKED_BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
    while (m.find()) {
      blocks.computeIfAbsent(m.group(1) + m.group(2), k -> new ArrayList<>()).add(m.group(3));
    }
    return blocks;
  }

  /** groupId:artifactId:version:scope of each dependency, versions resolved. */
  private static List<String> dependencies(Document pom, boolean withoutTestScope) {
    List<String> result = new ArrayList<>();
    Element dependencies = child(pom.getDocumentElement(), "dependencies");
    if (dependencies == null) {
      return result;
    }
    NodeList all = dependencies.getElementsByTagName("dependency");
    for (int i = 0; i < all.getLength(); i++) {
      Element dependency = (Element) all.item(i);
      String scope = text(dependency, "scope");
      if (withoutTestScope && "test".equals(scope)) {
        continue;
      }
      result.add(
          text(dependency, "groupId")
              + ":"
              + text(dependency, "artifactId")
              + ":"
              + resolve(text(dependency, "version"))
              + ":"
              + (scope == null ? "compile" : scope));
    }
    return result;
  }

  private static String resolve(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = PROPERTY.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String resolved = System.getProperty(m.group(1));
      if (resolved == null) {
        throw new AssertionError(
            "${" + m.group(1) + "} is not passed to the tests (surefire systemPropertyVariables)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    return m.appendTail(out).toString();
  }

  private static String text(Element parent, String... path) {
    Element element = parent;
    for (String name : path) {
      element = element == null ? null : child(element, name);
    }
    return element == null ? null : element.getTextContent().trim();
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
        return (Element) n;
      }
    }
    return null;
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }
}

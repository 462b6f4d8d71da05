#!/usr/local/bin/php -q
<?php
/*
 * pfSsh.php - the lab's pfSense developer shell. Same protocol as pfSense's:
 *   pfSsh.php playback <name>     runs /etc/phpshellsessions/<name>
 *   pfSsh.php [anything]          reads stdin; lines collect until "exec" (or "exec;"), then
 *                                 run as PHP ("!" lines as shell commands); "exit" quits.
 * Each line read is answered with the "pfSense shell: " prompt; with an argument no banner.
 */
require_once("globals.inc");
$quiet = $argc >= 2;
if (!$quiet) {
	echo "Starting the {$g['product_name']} developer shell";
}
require_once("functions.inc");
require_once("config.inc");
require_once("util.inc");
if (!$quiet) {
	echo "...\n\nWelcome to the {$g['product_name']} developer shell\n\n";
}

function pfssh_run($code) {
	global $config;
	$php = "require_once('functions.inc');\nrequire_once('globals.inc');\nrequire_once('config.inc');\n";
	foreach (explode("\n", $code) as $line) {
		if (substr($line, 0, 1) == "!") {
			$php .= "system(" . var_export(substr($line, 1), true) . ");\n";
		} else {
			$php .= $line . "\n";
		}
	}
	eval($php);
}

if (($argv[1] ?? '') == "playback" || ($argv[1] ?? '') == "run") {
	$name = basename($argv[2] ?? '');
	$file = "/etc/phpshellsessions/{$name}";
	if ($name === '' || !file_exists($file)) {
		echo "Error: Invalid playback file specified.\n\n";
		exit(-1);
	}
	pfssh_run(file_get_contents($file));
	exit;
}

$buffer = "";
while (true) {
	echo "{$g['product_name']} shell: ";
	$line = fgets(STDIN);
	if ($line === false) {
		break; /* end of input: nothing more can come */
	}
	$line = rtrim($line, "\r\n");
	$first = explode(" ", trim($line))[0];
	if ($first == "exit" || $first == "quit") {
		break;
	}
	if ($first == "exec" || $first == "exec;") {
		pfssh_run($buffer);
		$buffer = "";
		continue;
	}
	if ($first == "reset") {
		$buffer = "";
		echo "\nBuffer reset.\n\n";
		continue;
	}
	$buffer .= $line . "\n";
}

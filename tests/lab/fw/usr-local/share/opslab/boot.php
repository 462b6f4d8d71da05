#!/usr/local/bin/php -q
<?php
/*
 * boot.php - lab only: writes the firewall's config.xml for a scenario and applies it, as an
 * admin would have set it up in the GUI. Reads the scenario ("key = value" lines) on stdin,
 * followed by the lab's addressing as lab.* keys. Run once by `lab up`, inside the fw.
 */
require_once("globals.inc");
require_once("config.inc");
require_once("functions.inc");
require_once("filter.inc");

$s = array();
foreach (explode("\n", stream_get_contents(STDIN)) as $line) {
	if (preg_match('/^\s*([^#=\s][^=]*?)\s*=\s*(.*?)\s*$/', $line, $m)) {
		$s[$m[1]] = $m[2];
	}
}
$get = function ($k, $d = '') use ($s) { return ($s[$k] ?? '') === '' ? $d : $s[$k]; };
$edges = array('edge1', 'edge2', 'edge3');
$server = $get('lab.server');
$tracker = 1700000000;

$config = array(
	'version' => g_get('latest_config'),
	'lastchange' => '',
	'system' => array('optimization' => 'normal', 'hostname' => 'fw', 'domain' => 'lab.example',
		'timeservers' => '2.pfsense.pool.ntp.org', 'webgui' => array('protocol' => 'https'),
		'disablenatreflection' => 'yes', 'maximumtableentries' => '400000'),
	'interfaces' => array(
		'lan' => array('enable' => '', 'if' => 'vtnet1', 'descr' => 'LAN', 'ipaddr' => $get('lab.lan_ip'), 'subnet' => '24'),
	),
	'staticroutes' => '',
	'nat' => array('outbound' => array('mode' => $get('outbound', 'automatic')), 'rule' => array()),
	'filter' => array('rule' => array()),
	'aliases' => array('alias' => array(array('name' => 'web_server', 'type' => 'host', 'address' => $server,
		'descr' => 'the published server', 'detail' => 'server'))),
	'openvpn' => array('openvpn-client' => array()),
	'gateways' => array('defaultgw4' => $get('defaultgw4'), 'defaultgw6' => ''),
);
foreach ($edges as $i => $e) {
	$n = $i + 1;
	$config['interfaces']["opt{$n}"] = array('if' => "ovpnc{$n}", 'descr' => "EDGE{$n}", 'enable' => '', 'spoofmac' => '');
	$config['openvpn']['openvpn-client'][] = array('vpnid' => (string)$n, 'auth_user' => '', 'auth_pass' => '',
		'mode' => 'p2p_tls', 'protocol' => 'UDP4', 'dev_mode' => 'tun', 'interface' => 'wan',
		'server_addr' => $get("lab.{$e}.public"), 'server_port' => '1194',
		'description' => "{$e} (" . $get("lab.{$e}.public") . ")", 'tunnel_network' => '',
		'route_no_pull' => 'yes', 'create_gw' => 'v4only');
	foreach (array('443', '80') as $port) {
		$config['nat']['rule'][] = array('source' => array('any' => ''),
			'destination' => array('network' => "opt{$n}ip", 'port' => $port), 'ipprotocol' => 'inet',
			'protocol' => 'tcp', 'target' => 'web_server', 'local-port' => $port, 'interface' => "opt{$n}",
			'descr' => ($port == '443' ? 'TCP 443' : 'HTTP') . " via edge{$n}", 'associated-rule-id' => '');
	}
}
$config['interfaces']['opt4'] = array('enable' => '', 'if' => 'vtnet0', 'descr' => 'MGMT',
	'ipaddr' => $get('lab.mgmt_ip'), 'subnet' => '30');

/* where each edge's traffic is passed: the OpenVPN tab (no reply-to) or its own tab */
$pass = function ($tab, $what, $dst, $port, $noreplyto) use (&$config, &$tracker) {
	$r = array('id' => '', 'tracker' => (string)(++$tracker), 'type' => 'pass', 'interface' => $tab,
		'ipprotocol' => 'inet', 'statetype' => 'keep state', 'protocol' => 'tcp',
		'source' => array('any' => ''), 'destination' => $dst + array('port' => $port), 'descr' => $what);
	if ($noreplyto) {
		$r['disablereplyto'] = '';
	}
	$config['filter']['rule'][] = $r;
};
$web = array('address' => 'web_server');
$self = array('network' => '(self)');
$tabs = array();
foreach ($edges as $i => $e) {
	$tabs[$e] = $get("{$e}.rules", 'openvpn');
	if (!in_array($tabs[$e], array('openvpn', 'interface', 'interface-noreplyto', 'both'))) {
		fwrite(STDERR, "boot: {$e}.rules must be openvpn, interface, interface-noreplyto or both\n");
		exit(2);
	}
}
if (array_intersect($tabs, array('openvpn', 'both'))) {
	$pass('openvpn', 'HTTP from the edges to the server', $web, '80', false);
	$pass('openvpn', 'TCP 443 from the edges to the server', $web, '443', false);
}
if (in_array($tabs['edge1'], array('openvpn', 'both'))) {
	$pass('openvpn', 'SSH to this firewall from the edges', $self, '22', false);
}
foreach ($edges as $i => $e) {
	$n = $i + 1;
	if ($tabs[$e] == 'openvpn') {
		continue;
	}
	$no = $tabs[$e] == 'interface-noreplyto';
	$pass("opt{$n}", "HTTP via edge{$n}", $web, '80', $no);
	$pass("opt{$n}", "TCP 443 via edge{$n}", $web, '443', $no);
	if ($e == 'edge1') {
		$pass('opt1', 'SSH to this firewall via edge1', $self, '22', $no);
	}
}
$config['filter']['rule'][] = array('type' => 'pass', 'ipprotocol' => 'inet', 'descr' => 'Default allow LAN to any rule',
	'interface' => 'lan', 'tracker' => '0100000101', 'source' => array('network' => 'lan'),
	'destination' => array('any' => ''));

foreach (preg_grep('/^group\./', array_keys($s)) as $k) {
	$config['gateways']['gateway_group'][] = array('name' => substr($k, 6),
		'item' => array_map(function ($i) { return "{$i}|address"; }, preg_split('/\s+/', $s[$k], -1, PREG_SPLIT_NO_EMPTY)),
		'trigger' => 'down', 'descr' => 'failover for the default route');
}

if (!write_config('lab: ' . $get('description', 'scenario'), false)) {
	exit(1);
}
$rc = filter_configure_sync();
system_routing_configure();
setup_gateways_monitor();
clear_subsystem_dirty('staticroutes');
clear_subsystem_dirty('filter');
exit($rc);
